import { bucketOf, emptyBuckets } from './latency-buckets.js';

/** What this instance counted since the stats sampler last took it. */
export interface StatsCounts {
  /** Joins answered 2xx. */
  joins: number;
  /** Their durations, bucketed (`latency-buckets.ts`). */
  joinBuckets: number[];
  http4xx: number;
  http5xx: number;
}

/**
 * The counts this instance adds into the shared sample of each time slot. They are additive, so
 * every instance behind a load balancer adds its own and the slot holds the platform's total.
 */
export function statsWindow() {
  let counts: StatsCounts = { joins: 0, joinBuckets: emptyBuckets(), http4xx: 0, http5xx: 0 };
  return {
    recordStatus(status: number): void {
      if (status >= 500) counts.http5xx += 1;
      else if (status >= 400) counts.http4xx += 1;
    },
    recordJoin(ms: number): void {
      counts.joins += 1;
      counts.joinBuckets[bucketOf(ms)]! += 1;
    },
    /** What was counted since the last call; counting starts again from zero. */
    take(): StatsCounts {
      const taken = counts;
      counts = { joins: 0, joinBuckets: emptyBuckets(), http4xx: 0, http5xx: 0 };
      return taken;
    },
    /** Puts counts back (the sample they were taken for could not be written). */
    restore(taken: StatsCounts): void {
      counts.joins += taken.joins;
      counts.http4xx += taken.http4xx;
      counts.http5xx += taken.http5xx;
      taken.joinBuckets.forEach((n, i) => (counts.joinBuckets[i]! += n));
    },
  };
}
export type StatsWindow = ReturnType<typeof statsWindow>;
