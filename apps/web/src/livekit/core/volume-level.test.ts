import { describe, expect, it } from 'vitest';
import { levelFromSamples } from './volume-level.js';

describe('levelFromSamples', () => {
  it('reads silence and an empty window as 0', () => {
    expect(levelFromSamples(new Float32Array(256))).toBe(0);
    expect(levelFromSamples(new Float32Array(0))).toBe(0);
  });

  it('reads a full-scale signal as 1', () => {
    expect(levelFromSamples(new Float32Array(256).fill(-1))).toBe(1);
  });

  it('places levels on a decibel scale from -60 dB to 0 dB', () => {
    expect(levelFromSamples(new Float32Array(256).fill(0.01))).toBeCloseTo(1 / 3, 5); // -40 dB
    expect(levelFromSamples(new Float32Array(256).fill(0.0001))).toBe(0); // -80 dB
  });
});
