import { describe, expect, it } from 'vitest';
import { emptyBuckets } from '../../../metrics/latency-buckets.js';
import { MAX_POINTS, RANGE_SECONDS, buildSeries, seriesStart, stepFor } from './build-series.js';
import type { SeriesRow } from './stats-repository.js';

function row(bucket: number, extra: Partial<SeriesRow> = {}): SeriesRow {
  return {
    bucket,
    seconds: 20,
    liveSessions: 2,
    connectedUsers: 7.5,
    bytesInPerSecond: 1000,
    bytesOutPerSecond: 3000,
    packetLossPercent: null,
    joins: 0,
    joinBuckets: emptyBuckets(),
    http4xx: 0,
    http5xx: 0,
    ...extra,
  };
}

describe('the series of a range', () => {
  it('have at most about 300 points for every range, in whole sample intervals', () => {
    for (const range of ['1h', '24h', '7d'] as const) {
      for (const interval of [1, 10, 60]) {
        const step = stepFor(RANGE_SECONDS[range], interval);
        expect(step % interval).toBe(0);
        const to = 1_765_000_000;
        const start = seriesStart(to, RANGE_SECONDS[range], step);
        const series = buildSeries([], start, to, step);
        expect(series.t.length).toBeLessThanOrEqual(MAX_POINTS + 1);
        const wanted = Math.min(RANGE_SECONDS[range] / interval, MAX_POINTS);
        expect(series.t.length).toBeGreaterThanOrEqual(Math.floor(wanted / 2));
      }
    }
    expect(stepFor(3600, 10)).toBe(20);
  });

  it('fill steps without samples with null and turn counts into per-minute rates', () => {
    const buckets = emptyBuckets();
    buckets[2] = 10; // ten joins in (10, 25] ms
    const series = buildSeries(
      [row(1000, { joins: 10, joinBuckets: buckets, http4xx: 3, http5xx: 1 }), row(1040)],
      1000,
      1059,
      20,
    );
    expect(series.t).toEqual([1_000_000, 1_020_000, 1_040_000]);
    expect(series.live_sessions).toEqual([2, null, 2]);
    expect(series.connected_users).toEqual([7.5, null, 7.5]);
    expect(series.bytes_out_per_second).toEqual([3000, null, 3000]);
    expect(series.joins_per_minute).toEqual([30, null, 0]);
    expect(series.http_4xx_per_minute).toEqual([9, null, 0]);
    expect(series.http_5xx_per_minute).toEqual([3, null, 0]);
    expect(series.join_p95_ms[0]).toBeCloseTo(24.25);
    expect(series.join_p95_ms.slice(1)).toEqual([null, null]);
    expect(series.packet_loss_percent).toEqual([null, null, null]);
  });
});
