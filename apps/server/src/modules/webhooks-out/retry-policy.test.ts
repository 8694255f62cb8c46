import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  nextAttemptAt,
  RETRY_WINDOW_MS,
  retryDelayMs,
} from './retry-policy.js';

const middle = () => 0.5;

describe('retryDelayMs', () => {
  it('doubles from the base delay per failed attempt, up to the cap', () => {
    const delays = [1, 2, 3, 4, 9, 10, 11, 30].map((n) =>
      retryDelayMs(n, DEFAULT_RETRY_POLICY, middle),
    );
    expect(delays).toEqual([
      15_000, 30_000, 60_000, 120_000, 3_840_000, 7_200_000, 7_200_000, 7_200_000,
    ]);
  });

  it('shifts each delay by at most 20% either way', () => {
    const policy = { baseDelayMs: 1000, maxDelayMs: 60_000 };
    expect(retryDelayMs(3, policy, () => 0)).toBe(3200);
    expect(retryDelayMs(3, policy, () => 0.999999)).toBe(4800);
    const seen = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, policy)));
    expect(seen.size).toBeGreaterThan(10);
    for (const d of seen) expect(d >= 3200 && d <= 4800).toBe(true);
  });
});

describe('nextAttemptAt', () => {
  it('gives about 20 attempts in the 24 h window, then gives up', () => {
    const start = new Date('2026-12-01T00:00:00Z');
    const giveUpAt = new Date(start.getTime() + RETRY_WINDOW_MS);
    let now = start;
    let attempts = 1;
    for (;;) {
      const next = nextAttemptAt({
        failedAttempts: attempts,
        now,
        giveUpAt,
        policy: DEFAULT_RETRY_POLICY,
        random: middle,
      });
      if (!next) break;
      now = next;
      attempts += 1;
    }
    expect(attempts).toBe(20);
    expect(giveUpAt.getTime() - now.getTime()).toBeLessThan(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});
