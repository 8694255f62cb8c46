import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS, bucketOf, emptyBuckets, quantileOfBuckets } from './latency-buckets.js';

describe('join latency buckets', () => {
  it('put a latency in the first bucket whose bound holds it, above the last in the overflow', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(5)).toBe(0);
    expect(bucketOf(5.1)).toBe(1);
    expect(bucketOf(5000)).toBe(LATENCY_BUCKETS - 2);
    expect(bucketOf(60_000)).toBe(LATENCY_BUCKETS - 1);
  });

  it('give a quantile interpolated inside its bucket, as histogram_quantile does', () => {
    const counts = emptyBuckets();
    counts[bucketOf(20)] = 100; // all in (10, 25]
    expect(quantileOfBuckets(counts, 0.5)).toBeCloseTo(17.5);
    expect(quantileOfBuckets(counts, 0.95)).toBeCloseTo(24.25);
    counts[bucketOf(400)] = 10; // 110 in all: the 95th percentile is among the slow ones
    expect(quantileOfBuckets(counts, 0.95)).toBeGreaterThan(250);
    expect(quantileOfBuckets(counts, 0.95)).toBeLessThanOrEqual(500);
  });

  it('answer the last bound for the overflow bucket, and nothing for no joins', () => {
    const counts = emptyBuckets();
    counts[LATENCY_BUCKETS - 1] = 3;
    expect(quantileOfBuckets(counts, 0.95)).toBe(5000);
    expect(quantileOfBuckets(emptyBuckets(), 0.95)).toBeUndefined();
  });
});
