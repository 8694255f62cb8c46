/**
 * Join latencies as bucket counts: what every instance adds into the shared sample of a time
 * slot (counts add up across instances, quantiles do not), and what a p95 is read back from.
 */

/** Upper bounds of the buckets in milliseconds; one more bucket counts what is above the last. */
export const LATENCY_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] as const;

/** A bucket count per bound, plus the overflow bucket. */
export const LATENCY_BUCKETS = LATENCY_BOUNDS_MS.length + 1;

export function emptyBuckets(): number[] {
  return new Array<number>(LATENCY_BUCKETS).fill(0);
}

/** The index of the bucket `ms` falls in. */
export function bucketOf(ms: number): number {
  const i = LATENCY_BOUNDS_MS.findIndex((bound) => ms <= bound);
  return i === -1 ? LATENCY_BOUNDS_MS.length : i;
}

/**
 * The `q` quantile (0..1) of bucketed counts, interpolated linearly inside its bucket as
 * Prometheus's `histogram_quantile` does; the overflow bucket answers the last bound. Undefined
 * when there is nothing counted.
 */
export function quantileOfBuckets(counts: readonly number[], q: number): number | undefined {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i += 1) {
    const count = counts[i] ?? 0;
    if (count > 0 && below + count >= rank) {
      if (i >= LATENCY_BOUNDS_MS.length) return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]!;
      const upper = LATENCY_BOUNDS_MS[i]!;
      return lower + ((upper - lower) * (rank - below)) / count;
    }
    below += count;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
}
