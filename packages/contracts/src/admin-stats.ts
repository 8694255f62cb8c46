import { z } from 'zod';
import { readinessCheckSchema } from './health.js';

/** The time ranges the admin page charts: the last hour, day or week of samples. */
export const statsRangeSchema = z.enum(['1h', '24h', '7d']);
export type StatsRange = z.infer<typeof statsRangeSchema>;

/** `GET /api/v1/admin/stats?range=`: the last hour when no range is given. */
export const adminStatsQuerySchema = z.object({ range: statsRangeSchema.default('1h') });

const count = z.number().int().nonnegative();
/** A value per point; null where nothing was sampled, or it could not be known. */
const points = z.array(z.number().nullable());

/** What the platform looks like now: the admin page's cards. */
export const statsNowSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  live_sessions: count,
  /** Connected participants of every session. */
  connected_users: count,
  participants_by_role: z.record(z.string(), count),
  /** LiveKit's traffic, from the newest sample (null when LiveKit's metrics cannot be read). */
  bandwidth_in_bytes_per_second: z.number().nullable(),
  bandwidth_out_bytes_per_second: z.number().nullable(),
  packet_loss_percent: z.number().nullable(),
  recordings_running: count,
  health: z.object({
    database: readinessCheckSchema,
    livekit: readinessCheckSchema,
    /** Null when no Redis is configured. */
    redis: readinessCheckSchema.nullable(),
  }),
  /** The file system of DATA_DIR, where recordings are written; null when it cannot be read. */
  disk: z.object({ free_bytes: count, total_bytes: count }).nullable(),
});

/**
 * The samples of the range, columnar (as chart libraries such as uPlot take them): `t[i]` is the
 * start of point i in milliseconds since the epoch, and every other array holds its value there.
 * Points are `step_seconds` apart, at most about 300 per range. Within a step, live sessions and
 * connected users are the peak, traffic and loss the mean, joins and 4xx/5xx answers per minute,
 * and the join p95 is taken over every join of the step.
 */
export const statsSeriesSchema = z.object({
  step_seconds: z.number().int().positive(),
  t: z.array(z.number().int()),
  live_sessions: points,
  connected_users: points,
  bytes_in_per_second: points,
  bytes_out_per_second: points,
  packet_loss_percent: points,
  joins_per_minute: points,
  join_p95_ms: points,
  http_4xx_per_minute: points,
  http_5xx_per_minute: points,
});

export const adminStatsResponseSchema = z.object({
  range: statsRangeSchema,
  /** How often the platform is sampled (`STATS_INTERVAL`). */
  sample_interval_seconds: z.number().int().positive(),
  /**
   * Where bandwidth and loss come from: LiveKit's Prometheus endpoint, or nowhere (an external
   * LiveKit without `LIVEKIT_METRICS_URL`: room counts only).
   */
  bandwidth_source: z.enum(['livekit_prometheus', 'none']),
  now: statsNowSchema,
  series: statsSeriesSchema,
});
export type AdminStats = z.infer<typeof adminStatsResponseSchema>;
