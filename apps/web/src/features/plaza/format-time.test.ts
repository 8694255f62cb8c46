import { describe, expect, it } from 'vitest';
import { formatClock, formatCountdown } from './format-time.js';

describe('formatClock', () => {
  it('shows minutes and seconds under an hour, and hours past it', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(65_000)).toBe('01:05');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });

  it('never shows a negative time', () => {
    expect(formatClock(-5_000)).toBe('00:00');
  });
});

describe('formatCountdown', () => {
  it('switches to days and hours past a day', () => {
    expect(formatCountdown(90_000)).toBe('01:30');
    expect(formatCountdown(2 * 86_400_000 + 3 * 3_600_000 + 59_000)).toBe('2d 3h');
  });
});
