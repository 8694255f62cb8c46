import type { StatsRange } from '@stagecast/contracts';
import { quantileOfBuckets } from '../../../metrics/latency-buckets.js';
import type { SeriesRow } from './stats-repository.js';

export const RANGE_SECONDS: Record<StatsRange, number> = {
  '1h': 3_600,
  '24h': 86_400,
  '7d': 7 * 86_400,
};

/** Points per series, at most (about: the range's ends may add one). */
export const MAX_POINTS = 300;

/** The step of a range's points: whole sample intervals, few enough to fit `MAX_POINTS`. */
export function stepFor(rangeSeconds: number, intervalSeconds: number): number {
  return intervalSeconds * Math.max(1, Math.ceil(rangeSeconds / intervalSeconds / MAX_POINTS));
}

/** The first step start of a range ending at `toSeconds`: the first whole step inside it. */
export function seriesStart(toSeconds: number, rangeSeconds: number, step: number): number {
  return Math.ceil((toSeconds - rangeSeconds) / step) * step;
}

const round = (v: number) => Math.round(v * 100) / 100;
const perMinute = (count: number, seconds: number) =>
  seconds > 0 ? round((count * 60) / seconds) : null;
const kept = (v: number | null) => (v === null ? null : round(v));

/**
 * The columnar series of a range: one point per step from `startSeconds` to `toSeconds`, null
 * where no sample was taken (the app was down), so that charts show gaps instead of a line.
 */
export function buildSeries(
  rows: readonly SeriesRow[],
  startSeconds: number,
  toSeconds: number,
  step: number,
) {
  const byBucket = new Map(rows.map((r) => [r.bucket, r]));
  const series = {
    step_seconds: step,
    t: [] as number[],
    live_sessions: [] as (number | null)[],
    connected_users: [] as (number | null)[],
    bytes_in_per_second: [] as (number | null)[],
    bytes_out_per_second: [] as (number | null)[],
    packet_loss_percent: [] as (number | null)[],
    joins_per_minute: [] as (number | null)[],
    join_p95_ms: [] as (number | null)[],
    http_4xx_per_minute: [] as (number | null)[],
    http_5xx_per_minute: [] as (number | null)[],
  };
  for (let bucket = startSeconds; bucket <= toSeconds; bucket += step) {
    const row = byBucket.get(bucket);
    series.t.push(bucket * 1000);
    series.live_sessions.push(row ? kept(row.liveSessions) : null);
    series.connected_users.push(row ? kept(row.connectedUsers) : null);
    series.bytes_in_per_second.push(row ? kept(row.bytesInPerSecond) : null);
    series.bytes_out_per_second.push(row ? kept(row.bytesOutPerSecond) : null);
    series.packet_loss_percent.push(row ? kept(row.packetLossPercent) : null);
    series.joins_per_minute.push(row ? perMinute(row.joins, row.seconds) : null);
    const p95 = row ? quantileOfBuckets(row.joinBuckets, 0.95) : undefined;
    series.join_p95_ms.push(p95 === undefined ? null : round(p95));
    series.http_4xx_per_minute.push(row ? perMinute(row.http4xx, row.seconds) : null);
    series.http_5xx_per_minute.push(row ? perMinute(row.http5xx, row.seconds) : null);
  }
  return series;
}
