import { describe, expect, it } from 'vitest';
import { AudioMix } from './audio-mix.js';

const tone = (n: number, value: number) => new Int16Array(n).fill(value);

describe('the recording audio mix', () => {
  it('is silence when nobody publishes', () => {
    expect(new AudioMix().read(480).every((v) => v === 0)).toBe(true);
  });

  it('holds a new track back until its jitter buffer is filled, then plays it in order', () => {
    const mix = new AudioMix(960, 4800);
    mix.push('a', tone(480, 100));
    expect(mix.read(240).every((v) => v === 0)).toBe(true);
    mix.push('a', tone(480, 200));
    const out = mix.read(960);
    expect(out[0]).toBe(100);
    expect(out[479]).toBe(100);
    expect(out[480]).toBe(200);
    // Ran dry: silence until it refills.
    expect(mix.read(10).every((v) => v === 0)).toBe(true);
  });

  it('adds tracks together and clips instead of wrapping around', () => {
    const mix = new AudioMix(10, 1000);
    mix.push('a', tone(20, 20_000));
    mix.push('b', tone(20, 20_000));
    mix.push('c', tone(20, -5));
    const out = mix.read(20);
    expect(out.every((v) => v === 32_767)).toBe(true);
  });

  it('drops the oldest audio of a track that runs ahead, keeping its delay bounded', () => {
    const mix = new AudioMix(100, 1000);
    for (let i = 0; i < 12; i += 1) mix.push('a', tone(100, i));
    // The 11th chunk took it past the 1000 bound: trimmed back to the 100-sample jitter buffer
    // (chunk 10), then chunk 11 came.
    const out = mix.read(200);
    expect(out[0]).toBe(10);
    expect(out[199]).toBe(11);
    mix.remove('a');
    expect(mix.trackCount).toBe(0);
  });
});
