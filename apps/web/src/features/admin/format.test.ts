import { describe, expect, it } from 'vitest';
import { formatBitRate, formatBytes, formatNumber, formatStep } from './format.js';

describe('the admin page’s figures', () => {
  it('writes sizes in decimal units, one decimal below 100', () => {
    expect(formatBytes(0, 'en')).toBe('0 byte');
    expect(formatBytes(999, 'en')).toBe('999 byte');
    expect(formatBytes(4_096, 'en')).toBe('4.1 kB');
    expect(formatBytes(52_400_000, 'en')).toBe('52.4 MB');
    expect(formatBytes(524_000_000, 'en')).toBe('524 MB');
    expect(formatBytes(1.25e12, 'en')).toBe('1.3 TB');
  });

  it('writes bandwidth in bits per second from bytes per second', () => {
    expect(formatBitRate(125_000, 'en')).toBe('1 Mb/s');
    expect(formatBitRate(1_562_500, 'en')).toBe('12.5 Mb/s');
    expect(formatBitRate(0, 'en')).toBe('0 bit/s');
    expect(formatBitRate(150_000_000, 'en')).toBe('1.2 Gb/s');
  });

  it('follows the reader’s language', () => {
    expect(formatBytes(52_400_000, 'ko')).toBe('52.4MB');
    expect(formatNumber(12345.678, 'en', 1)).toBe('12,345.7');
    expect(formatStep(300, 'zh-CN')).toBe('5分钟');
  });

  it('names a step by its largest whole unit', () => {
    expect(formatStep(10, 'en')).toBe('10 sec');
    expect(formatStep(300, 'en')).toBe('5 min');
    expect(formatStep(3600, 'en')).toBe('1 hr');
    expect(formatStep(90, 'en')).toBe('90 sec');
  });
});
