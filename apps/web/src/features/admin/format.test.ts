import { describe, expect, it } from 'vitest';
import { formatBitRate, formatBytes, formatNumber, formatStep } from './format.js';

const format = { formatBytes, formatBitRate, formatStep };

describe('the admin page’s figures', () => {
  it.each<[keyof typeof format, number, string]>([
    // Sizes in decimal units, one decimal below 100.
    ['formatBytes', 0, '0 byte'],
    ['formatBytes', 999, '999 byte'],
    ['formatBytes', 4_096, '4.1 kB'],
    ['formatBytes', 52_400_000, '52.4 MB'],
    ['formatBytes', 524_000_000, '524 MB'],
    ['formatBytes', 1.25e12, '1.3 TB'],
    // Bandwidth in bits per second, from bytes per second.
    ['formatBitRate', 125_000, '1 Mb/s'],
    ['formatBitRate', 1_562_500, '12.5 Mb/s'],
    ['formatBitRate', 0, '0 bit/s'],
    ['formatBitRate', 150_000_000, '1.2 Gb/s'],
    // A step by its largest whole unit.
    ['formatStep', 10, '10 sec'],
    ['formatStep', 300, '5 min'],
    ['formatStep', 3600, '1 hr'],
    ['formatStep', 90, '90 sec'],
  ])('%s(%d) in English is %s', (name, value, text) => {
    expect(format[name](value, 'en')).toBe(text);
  });

  it('follows the reader’s language', () => {
    expect(formatBytes(52_400_000, 'ko')).toBe('52.4MB');
    expect(formatNumber(12345.678, 'en', 1)).toBe('12,345.7');
    expect(formatStep(300, 'zh-CN')).toBe('5分钟');
  });
});
