import type { z } from 'zod';
import { commaList, duration, optionalString, parseUrl, settingsArea } from './fields.js';

/** A comma-separated list of `http(s)://` URLs; empty when unset. */
const urlList = commaList((item) => {
  const protocol = parseUrl(item)?.protocol;
  if (protocol !== 'http:' && protocol !== 'https:') {
    return `"${item}" is not an http:// or https:// URL`;
  }
  return undefined;
});

/** Watching the platform (issue 12): `/metrics` and the samples behind `/admin`. */
export const operationsEnv = {
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  LIVEKIT_METRICS_URL: urlList,
  STATS_INTERVAL: duration('10s', 1, 3600),
  STATS_RETENTION: duration('7d', 3600, 365 * 24 * 3600),
};

export const operationsArea = settingsArea('Operations', operationsEnv);

type OperationsEnv = z.infer<z.ZodObject<typeof operationsEnv>>;

/** The operations part of `Config`. */
export interface OperationsSettings {
  metrics: {
    /** Lets a scraper off loopback read `/metrics` (`Authorization: Bearer …`). */
    token: string | undefined;
    /**
     * LiveKit's Prometheus endpoints to sample bandwidth and loss from; empty: the embedded
     * server's own listener, or (external LiveKit) no bandwidth, only room-service counts.
     */
    livekitUrls: string[];
  };
  stats: {
    /** How often a sample of the platform is taken (one instance per slot). */
    intervalSeconds: number;
    /** Samples older than this are deleted. */
    retentionSeconds: number;
  };
}

export function toOperationsSettings(env: OperationsEnv): OperationsSettings {
  return {
    metrics: { token: env.METRICS_TOKEN, livekitUrls: env.LIVEKIT_METRICS_URL },
    stats: { intervalSeconds: env.STATS_INTERVAL, retentionSeconds: env.STATS_RETENTION },
  };
}
