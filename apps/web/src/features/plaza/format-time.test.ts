import { describe, expect, it } from 'vitest';
import { formatClock, formatCountdown, formatStartTime } from './format-time.js';

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

describe('formatCountdown in other languages', () => {
  it('names days and hours in the reader language', () => {
    const ms = 2 * 86_400_000 + 3 * 3_600_000;
    expect(formatCountdown(ms, 'zh-CN')).toBe('2天 3小时');
    expect(formatCountdown(ms, 'ko')).toBe('2일 3시간');
  });
});

describe('formatStartTime', () => {
  // One instant: 09:00 in Seoul is 19:00 the evening before in New York (EST, UTC-5).
  const at = Date.parse('2030-03-10T00:00:00Z');

  it('shows the instant in the reader time zone, with the zone named', () => {
    expect(formatStartTime(at, 'en', 'Asia/Seoul')).toBe('Sun, Mar 10, 2030, 9:00 AM GMT+9');
    expect(formatStartTime(at, 'en', 'America/New_York')).toBe('Sat, Mar 9, 2030, 7:00 PM EST');
  });

  it('writes it in the reader language', () => {
    expect(formatStartTime(at, 'zh-CN', 'Asia/Shanghai')).toContain('3月10日');
    expect(formatStartTime(at, 'zh-CN', 'Asia/Shanghai')).toContain('08:00');
    expect(formatStartTime(at, 'ko', 'Asia/Seoul')).toContain('3월 10일');
  });

  it('leaves the year out within this one', () => {
    const soon = new Date();
    soon.setMonth(soon.getMonth() === 11 ? 11 : soon.getMonth() + 1, 1);
    expect(formatStartTime(soon, 'en')).not.toContain(String(soon.getFullYear()));
  });
});
