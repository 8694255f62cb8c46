import { describe, expect, it } from 'vitest';
import { isolatedPoints } from './TimeChart.js';

describe('isolatedPoints', () => {
  it('finds the values no line reaches: both neighbours missing, the ends included', () => {
    expect(isolatedPoints([null, 3, null, 4, 5, null, null, 6])).toEqual([1, 7]);
    expect(isolatedPoints([2])).toEqual([0]);
    expect(isolatedPoints([1, 2, 3])).toEqual([]);
    expect(isolatedPoints([null, null])).toEqual([]);
  });
});
