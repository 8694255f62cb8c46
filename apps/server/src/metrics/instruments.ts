import {
  apiRoutes,
  joinRefusalReasons,
  recordingBackendSchema,
  sessionRoleSchema,
} from '@stagecast/contracts';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DbErrorKind } from '../db/client.js';
import type { ReconcileOutcome } from '../modules/webhooks/reconcile.js';
import { statsWindow } from './stats-window.js';

/**
 * The app's Prometheus instruments, by name, in one registry per app (tests build several apps
 * in one process). Code elsewhere calls the small functions below (`observeRequest`,
 * `webhookApplied`, …), never prom-client itself. Gauges that describe the whole platform
 * (live sessions, participants, recordings) are read from the database when scraped, so every
 * instance behind a load balancer reports the same truth; what only this process knows (its
 * requests, its recorders, its LiveKit child) is counted here.
 */

/** What the platform looks like now, from the database that every instance shares. */
export interface LiveCounts {
  liveSessions: number;
  /** Connected participants by session role. */
  participants: Record<string, number>;
  /** Recordings in progress by backend (`builtin`, `egress`). */
  recordings: Record<string, number>;
}

/** Where the scrape-time values come from; set once the app is wired (`readFrom`). */
export interface MetricSources {
  liveCounts(): Promise<LiveCounts>;
  /** This instance's built-in recorders: the CPU time their encoders used so far. */
  encoderCpu(): { recordingId: string; seconds: number }[];
  /** Restarts of the embedded livekit-server child; undefined with an external LiveKit. */
  livekitRestarts(): number | undefined;
}

export interface RequestObservation {
  method: string;
  /** The route's pattern (`/api/v1/live/sessions/:session_id/join`), never the raw URL. */
  route: string;
  status: number;
  seconds: number;
  /** Why it was refused: the error's reason, else its code in lower case. */
  refusal: string | undefined;
}

/** Every way a join ends: the join rules' typed reasons among them, each counted from zero. */
const JOIN_OUTCOMES = [
  'ok',
  // the waiting room (issue 15): held (202), or turned away within 10 minutes
  'waiting',
  'lobby_denied',
  'sign_in_required',
  ...joinRefusalReasons,
  'livekit_unavailable',
  'rate_limited',
] as const;

/** Both ways to join: the session's join and the integrators' token route. */
const JOIN_ROUTES = new Set(
  [apiRoutes.joinSession, apiRoutes.livekitToken].map((r) => `${r.method} ${r.path}`),
);

/** LiveKit's webhook events by name; anything else is counted as `other`. */
const WEBHOOK_EVENTS = new Set([
  'room_started',
  'room_finished',
  'participant_joined',
  'participant_left',
  'participant_connection_aborted',
  'track_published',
  'track_unpublished',
  'egress_started',
  'egress_updated',
  'egress_ended',
  'ingress_started',
  'ingress_ended',
]);

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let sources: MetricSources | undefined;
  const window = statsWindow();
  const databaseErrors = new Counter({
    name: 'stagecast_database_errors_total',
    help: 'Queries the database driver saw fail, by kind (connection, constraint, data, query)',
    labelNames: ['kind'],
    registers,
  });
  for (const kind of ['connection', 'constraint', 'data', 'query'] satisfies DbErrorKind[]) {
    databaseErrors.inc({ kind }, 0);
  }

  // What the database says, read once per scrape however many gauges ask: a scrape collects
  // every metric at once, so the gauges after the first find its query still running.
  let pending: Promise<LiveCounts | undefined> | undefined;
  const liveCounts = (): Promise<LiveCounts | undefined> => {
    if (!sources) return Promise.resolve(undefined);
    pending ??= sources
      .liveCounts()
      .catch(() => undefined)
      .finally(() => (pending = undefined));
    return pending;
  };

  const httpDuration = new Histogram({
    name: 'stagecast_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const joins = new Counter({
    name: 'stagecast_joins_total',
    help: 'Joins asked of the API (join and token routes), by outcome: ok or the refusal reason',
    labelNames: ['outcome'],
    registers,
  });
  for (const outcome of JOIN_OUTCOMES) joins.inc({ outcome }, 0);
  const rateLimited = new Counter({
    name: 'stagecast_rate_limited_total',
    help: 'Requests refused by a rate limit (429), by route pattern',
    labelNames: ['route'],
    registers,
  });
  const webhookEvents = new Counter({
    name: 'stagecast_webhook_events_total',
    help: 'Verified LiveKit webhooks by event and outcome (applied, duplicate, ignored, failed)',
    labelNames: ['event', 'outcome'],
    registers,
  });
  const webhookLag = new Histogram({
    name: 'stagecast_webhook_lag_seconds',
    help: "From a LiveKit event's time (whole seconds) to it being applied here",
    labelNames: ['event'],
    buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers,
  });
  const reconcilePasses = new Counter({
    name: 'stagecast_reconcile_passes_total',
    help: 'Ticks of the reconcile loop: ran a pass, standby (another instance holds the reconcile lock), failed',
    labelNames: ['outcome'],
    registers,
  });
  for (const outcome of ['ran', 'standby', 'failed'] satisfies ReconcileOutcome[]) {
    reconcilePasses.inc({ outcome }, 0);
  }
  const redisErrors = new Counter({
    name: 'stagecast_redis_errors_total',
    help: 'Errors of the Redis connection',
    registers,
  });

  new Gauge({
    name: 'stagecast_live_sessions',
    help: 'Sessions live now (from the database: the same on every instance)',
    registers,
    async collect() {
      const now = await liveCounts();
      if (now) this.set(now.liveSessions);
    },
  });
  /** Counts from the database by one label; each of `known` reads 0 rather than missing. */
  const countsGauge = (
    options: { name: string; help: string; label: string; known: readonly string[] },
    counts: (now: LiveCounts) => Record<string, number>,
  ) =>
    new Gauge({
      name: options.name,
      help: options.help,
      labelNames: [options.label],
      registers,
      async collect() {
        const now = await liveCounts();
        if (!now) return;
        const byValue = counts(now);
        for (const value of new Set([...options.known, ...Object.keys(byValue)])) {
          this.set({ [options.label]: value }, byValue[value] ?? 0);
        }
      },
    });
  countsGauge(
    {
      name: 'stagecast_participants_connected',
      help: 'Participants connected now, by session role (from the database)',
      label: 'role',
      known: sessionRoleSchema.options,
    },
    (now) => now.participants,
  );
  countsGauge(
    {
      name: 'stagecast_recordings_active',
      help: 'Recordings in progress, by backend (from the database)',
      label: 'backend',
      known: recordingBackendSchema.options,
    },
    (now) => now.recordings,
  );

  // Counters read from what this process holds: each adds what grew since the last scrape.
  let encoderSeen = new Map<string, number>();
  new Counter({
    name: 'stagecast_recorder_cpu_seconds_total',
    help: "CPU time of this instance's built-in recorders' encoders (ffmpeg), read at each scrape",
    registers,
    collect() {
      const next = new Map<string, number>();
      for (const { recordingId, seconds } of sources?.encoderCpu() ?? []) {
        const before = encoderSeen.get(recordingId) ?? 0;
        if (seconds > before) this.inc(seconds - before);
        next.set(recordingId, Math.max(seconds, before));
      }
      encoderSeen = next;
    },
  });
  let restartsSeen = 0;
  new Counter({
    name: 'stagecast_livekit_restarts_total',
    help: 'Restarts of the embedded livekit-server after it died (0 with an external LiveKit)',
    registers,
    collect() {
      const restarts = sources?.livekitRestarts() ?? 0;
      if (restarts > restartsSeen) this.inc(restarts - restartsSeen);
      restartsSeen = Math.max(restarts, restartsSeen);
    },
  });

  return {
    registry,
    /** The per-instance counts the stats sampler adds into the shared samples. */
    window,
    /** Gives the scrape-time gauges their sources (the app's database, recorders, LiveKit). */
    readFrom(next: MetricSources): void {
      sources = next;
    },
    /** One HTTP request, as its `onResponse` hook saw it. */
    observeRequest(o: RequestObservation): void {
      httpDuration.observe({ method: o.method, route: o.route, status: o.status }, o.seconds);
      window.recordStatus(o.status);
      if (o.status === 429) rateLimited.inc({ route: o.route });
      if (!JOIN_ROUTES.has(`${o.method} ${o.route}`)) return;
      if (o.status === 202) {
        joins.inc({ outcome: 'waiting' });
        return;
      }
      const ok = o.status < 300;
      joins.inc({ outcome: ok ? 'ok' : (o.refusal ?? `http_${o.status}`) });
      if (ok) window.recordJoin(o.seconds * 1000);
    },
    /** A verified LiveKit webhook and what applying it did. */
    webhookApplied(
      event: { event: string; createdAt: Date | undefined },
      outcome: 'applied' | 'duplicate' | 'ignored' | 'failed',
    ): void {
      const name = WEBHOOK_EVENTS.has(event.event) ? event.event : 'other';
      webhookEvents.inc({ event: name, outcome });
      if (event.createdAt && outcome === 'applied') {
        webhookLag.observe({ event: name }, Math.max(0, (Date.now() - +event.createdAt) / 1000));
      }
    },
    /** A tick of the reconcile loop and what it did. */
    reconcilePass(outcome: ReconcileOutcome): void {
      reconcilePasses.inc({ outcome });
    },
    databaseError(kind: DbErrorKind): void {
      databaseErrors.inc({ kind });
    },
    redisError(): void {
      redisErrors.inc();
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
