import { describe, expect, it } from 'vitest';
import { fitInto, gridCells, pickStage, StageCanvas } from './stage.js';
import type { I420Picture, StageSource } from './stage.js';

function solid(width: number, height: number, y: number, u = 128, v = 128): I420Picture {
  const chroma = ((width + 1) >> 1) * ((height + 1) >> 1);
  const data = new Uint8Array(width * height + 2 * chroma);
  data.fill(y, 0, width * height);
  data.fill(u, width * height, width * height + chroma);
  data.fill(v, width * height + chroma);
  return { width, height, data };
}

const source = (key: string, kind: StageSource['kind'], picture: I420Picture, version = 1) => ({
  key,
  kind,
  picture,
  version,
});

describe('the recorded stage', () => {
  it('puts the newest screen share alone on stage, otherwise every camera', () => {
    const cam = source('a', 'camera', solid(4, 4, 50));
    const screen1 = source('s1', 'screen_share', solid(4, 4, 60));
    const screen2 = source('s2', 'screen_share', solid(4, 4, 70));
    expect(pickStage([cam, screen1, screen2]).map((s) => s.key)).toEqual(['s2']);
    expect(pickStage([cam, source('b', 'camera', solid(4, 4, 1))]).map((s) => s.key)).toEqual([
      'a',
      'b',
    ]);
  });

  it('lays four cameras out in a 2×2 grid and centres a short last row', () => {
    expect(gridCells(4, 1280, 720)).toEqual([
      { x: 0, y: 0, width: 640, height: 360 },
      { x: 640, y: 0, width: 640, height: 360 },
      { x: 0, y: 360, width: 640, height: 360 },
      { x: 640, y: 360, width: 640, height: 360 },
    ]);
    const three = gridCells(3, 1280, 720);
    expect(three[2]).toEqual({ x: 320, y: 360, width: 640, height: 360 });
  });

  it('letterboxes a 4:3 picture in a 16:9 cell, centred, on even coordinates', () => {
    expect(fitInto({ x: 0, y: 0, width: 1280, height: 720 }, 640, 480)).toEqual({
      x: 160,
      y: 0,
      width: 960,
      height: 720,
    });
  });

  it('draws a camera letterboxed on black, then a screen share over the whole stage', () => {
    const canvas = new StageCanvas(64, 36);
    const at = (x: number, y: number) => canvas.frame[y * 64 + x];
    expect(canvas.compose([source('cam', 'camera', solid(40, 30, 200))])).toBe(true);
    expect(at(32, 18)).toBe(200);
    expect(at(0, 18)).toBe(16);
    // Nothing new: nothing is drawn again.
    expect(canvas.compose([source('cam', 'camera', solid(40, 30, 200))])).toBe(false);
    const stage = [
      source('cam', 'camera', solid(40, 30, 200)),
      source('screen', 'screen_share', solid(160, 90, 90, 40, 220)),
    ];
    expect(canvas.compose(stage)).toBe(true);
    expect(at(0, 18)).toBe(90);
    expect(at(63, 35)).toBe(90);
    // The chroma planes follow: U then V, at a quarter of the size each.
    expect(canvas.frame[64 * 36]).toBe(40);
    expect(canvas.frame[64 * 36 + 32 * 18]).toBe(220);
  });

  it('scales a picture down without reading past its planes', () => {
    const canvas = new StageCanvas(16, 10);
    canvas.compose([source('big', 'screen_share', solid(1920, 1080, 123))]);
    // 16:9 in 16×10: 16×8, at an even row (4:2:0 chroma), the rest black.
    expect(canvas.frame.subarray(0, 16 * 8).every((v) => v === 123)).toBe(true);
    expect(canvas.frame.subarray(16 * 8, 160).every((v) => v === 16)).toBe(true);
  });
});
