// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isolatedPoints, resolveColor } from './TimeChart.js';

describe('isolatedPoints', () => {
  it('finds the values no line reaches: both neighbours missing, the ends included', () => {
    expect(isolatedPoints([null, 3, null, 4, 5, null, null, 6])).toEqual([1, 7]);
    expect(isolatedPoints([2])).toEqual([0]);
    expect(isolatedPoints([1, 2, 3])).toEqual([]);
    expect(isolatedPoints([null, null])).toEqual([]);
  });
});

describe('resolveColor', () => {
  it('reads a palette variable where the chart is drawn, and leaves a plain colour alone', () => {
    const box = document.createElement('div');
    box.style.setProperty('--chart-blue', ' #2a62e8');
    document.body.append(box);
    expect(resolveColor(box, 'var(--chart-blue)')).toBe('#2a62e8');
    expect(resolveColor(box, '#5b8cff')).toBe('#5b8cff');
    // An unknown variable stays as written rather than becoming no colour at all.
    expect(resolveColor(box, 'var(--nowhere)')).toBe('var(--nowhere)');
    box.remove();
  });
});
