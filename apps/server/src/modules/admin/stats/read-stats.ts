import { statfs } from 'node:fs/promises';
import type { AdminStats, StatsRange } from '@stagecast/contracts';
import { AppError } from '../../../errors.js';
import type { LiveCounts } from '../../../metrics/instruments.js';
import { probe } from '../../health/check-readiness.js';
import { RANGE_SECONDS, buildSeries, seriesStart, stepFor } from './build-series.js';
import type { SeriesRow, StatsRepository } from './stats-repository.js';

export interface StatsReadDeps {
  repo: StatsRepository;
  liveCounts: () => Promise<LiveCounts>;
  /** Round trips to each dependency; `redis` absent when none is configured. */
  pings: {
    database: () => Promise<void>;
    livekit: () => Promise<void>;
    redis: (() => Promise<void>) | undefined;
  };
  /** Whether LiveKit's traffic can be read at all (a Prometheus endpoint is known). */
  hasTraffic: boolean;
  /** Where recordings are written: its file system's free space is a card. */
  dataDir: string;
  intervalSeconds: number;
}

const PROBE_TIMEOUT_MS = 1_500;
/**
 * A week's series aggregates 60 000 samples: hundreds of milliseconds on PGlite, which blocks
 * the event loop meanwhile. Its points are whole steps, so a series read within a step (a minute
 * at most) is served again: only the newest point could have moved.
 */
const SERIES_REUSE_MS = 60_000;
const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

async function diskOf(dir: string): Promise<AdminStats['now']['disk']> {
  try {
    const fs = await statfs(dir);
    return { free_bytes: fs.bavail * fs.bsize, total_bytes: fs.blocks * fs.bsize };
  } catch {
    return null;
  }
}

/**
 * The admin page's data: the cards (counts read now from the database, dependencies pinged now,
 * LiveKit's traffic from the newest sample) and the range's series, downsampled.
 */
export function statsReader(deps: StatsReadDeps) {
  const series = new Map<
    StatsRange,
    { start: number; until: number; rows: Promise<SeriesRow[]> }
  >();
  const seriesRows = (range: StatsRange, start: number, step: number, now: number) => {
    const kept = series.get(range);
    if (kept && kept.start === start && now < kept.until) return kept.rows;
    const rows = deps.repo.series(new Date(start * 1000), step);
    series.set(range, { start, until: now + Math.min(step * 1000, SERIES_REUSE_MS), rows });
    rows.catch(() => series.delete(range));
    return rows;
  };
  return (range: StatsRange, now = Date.now()) => readStats(deps, seriesRows, range, now);
}

async function readStats(
  deps: StatsReadDeps,
  seriesRows: (range: StatsRange, start: number, step: number, now: number) => Promise<SeriesRow[]>,
  range: StatsRange,
  now: number,
): Promise<AdminStats> {
  const rangeSeconds = RANGE_SECONDS[range];
  const step = stepFor(rangeSeconds, deps.intervalSeconds);
  const toSeconds = Math.floor(now / 1000);
  const start = seriesStart(toSeconds, rangeSeconds, step);
  const recent = new Date(now - 3 * deps.intervalSeconds * 1000);
  const stored = Promise.all([
    deps.liveCounts(),
    deps.repo.latestSample(recent),
    seriesRows(range, start, step, now),
  ]).catch((err: unknown) => {
    throw new AppError('DEPENDENCY_UNAVAILABLE', 'the database did not answer', undefined, {
      cause: err,
    });
  });
  const [[live, latest, rows], database, livekit, redis, disk] = await Promise.all([
    stored,
    probe(deps.pings.database, PROBE_TIMEOUT_MS),
    probe(deps.pings.livekit, PROBE_TIMEOUT_MS),
    deps.pings.redis ? probe(deps.pings.redis, PROBE_TIMEOUT_MS) : null,
    diskOf(deps.dataDir),
  ]);
  return {
    range,
    sample_interval_seconds: deps.intervalSeconds,
    bandwidth_source: deps.hasTraffic ? 'livekit_prometheus' : 'none',
    now: {
      at: new Date(now).toISOString(),
      live_sessions: live.liveSessions,
      connected_users: sum(live.participants),
      participants_by_role: live.participants,
      bandwidth_in_bytes_per_second: latest?.bytesInPerSecond ?? null,
      bandwidth_out_bytes_per_second: latest?.bytesOutPerSecond ?? null,
      packet_loss_percent: latest?.packetLossPercent ?? null,
      recordings_running: sum(live.recordings),
      health: { database, livekit, redis },
      disk,
    },
    series: buildSeries(rows, start, toSeconds, step),
  };
}
