import { describe, expect, it } from 'vitest';
import { createMetrics } from './instruments.js';
import type { MetricSources } from './instruments.js';

const JOIN = '/api/v1/live/sessions/:session_id/join';

/** The value of one sample line of the registry's text output, or undefined. */
async function sample(metrics: ReturnType<typeof createMetrics>, line: string) {
  const text = await metrics.registry.metrics();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

function sources(overrides: Partial<MetricSources> = {}): MetricSources {
  return {
    liveCounts: async () => ({
      liveSessions: 3,
      participants: { host: 2, viewer: 5 },
      recordings: { builtin: 1 },
    }),
    encoderCpu: () => [],
    livekitRestarts: () => 0,
    ...overrides,
  };
}

describe('the app metrics', () => {
  it('count joins by outcome: ok, or the refusal reason, every reason starting at 0', async () => {
    const metrics = createMetrics();
    const join = { method: 'POST', route: JOIN, seconds: 0.02 };
    metrics.observeRequest({ ...join, status: 200, refusal: undefined });
    metrics.observeRequest({ ...join, status: 403, refusal: 'banned' });
    metrics.observeRequest({ ...join, status: 429, refusal: 'rate_limited' });
    metrics.observeRequest({
      method: 'GET',
      route: '/api/v1/live/sessions',
      status: 200,
      seconds: 0.01,
      refusal: undefined,
    });
    expect(await sample(metrics, 'stagecast_joins_total{outcome="ok"}')).toBe(1);
    expect(await sample(metrics, 'stagecast_joins_total{outcome="banned"}')).toBe(1);
    expect(await sample(metrics, 'stagecast_joins_total{outcome="full"}')).toBe(0);
    expect(await sample(metrics, `stagecast_rate_limited_total{route="${JOIN}"}`)).toBe(1);
    expect(
      await sample(
        metrics,
        `stagecast_http_request_duration_seconds_count{method="POST",route="${JOIN}",status="403"}`,
      ),
    ).toBe(1);
    // The sampler's window: one ok join, two 4xx.
    const taken = metrics.window.take();
    expect(taken).toMatchObject({ joins: 1, http4xx: 2, http5xx: 0 });
    expect(metrics.window.take()).toMatchObject({ joins: 0, http4xx: 0 });
  });

  it('count webhooks by event and outcome, with the lag of applied ones', async () => {
    const metrics = createMetrics();
    const createdAt = new Date(Date.now() - 2_000);
    metrics.webhookApplied({ event: 'participant_joined', createdAt }, 'applied');
    metrics.webhookApplied({ event: 'participant_joined', createdAt }, 'duplicate');
    metrics.webhookApplied({ event: 'made_up', createdAt }, 'ignored');
    expect(
      await sample(
        metrics,
        'stagecast_webhook_events_total{event="participant_joined",outcome="applied"}',
      ),
    ).toBe(1);
    expect(
      await sample(metrics, 'stagecast_webhook_events_total{event="other",outcome="ignored"}'),
    ).toBe(1);
    expect(
      await sample(metrics, 'stagecast_webhook_lag_seconds_count{event="participant_joined"}'),
    ).toBe(1);
    const lag = await sample(
      metrics,
      'stagecast_webhook_lag_seconds_sum{event="participant_joined"}',
    );
    expect(lag).toBeGreaterThanOrEqual(2);
    expect(lag).toBeLessThan(10);
  });

  it('read the platform gauges from the sources at scrape time, every role listed', async () => {
    const metrics = createMetrics();
    metrics.readFrom(sources());
    expect(await sample(metrics, 'stagecast_live_sessions')).toBe(3);
    expect(await sample(metrics, 'stagecast_participants_connected{role="viewer"}')).toBe(5);
    expect(await sample(metrics, 'stagecast_participants_connected{role="speaker"}')).toBe(0);
    expect(await sample(metrics, 'stagecast_recordings_active{backend="builtin"}')).toBe(1);
    expect(await sample(metrics, 'stagecast_recordings_active{backend="egress"}')).toBe(0);
    // Process metrics come along.
    expect(await sample(metrics, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('ask the database once per scrape, and again at the next scrape', async () => {
    const metrics = createMetrics();
    let queries = 0;
    let live = 1;
    metrics.readFrom(
      sources({
        liveCounts: async () => {
          queries += 1;
          return { liveSessions: live, participants: {}, recordings: {} };
        },
      }),
    );
    expect(await sample(metrics, 'stagecast_live_sessions')).toBe(1);
    expect(queries).toBe(1);
    live = 2;
    expect(await sample(metrics, 'stagecast_live_sessions')).toBe(2);
    expect(queries).toBe(2);
  });

  it('keep the recorder CPU and LiveKit restart counters monotonic as recorders come and go', async () => {
    const metrics = createMetrics();
    let cpu = [{ recordingId: 'a', seconds: 1.5 }];
    let restarts = 1;
    metrics.readFrom(sources({ encoderCpu: () => cpu, livekitRestarts: () => restarts }));
    expect(await sample(metrics, 'stagecast_recorder_cpu_seconds_total')).toBe(1.5);
    cpu = [
      { recordingId: 'a', seconds: 2 },
      { recordingId: 'b', seconds: 1 },
    ];
    restarts = 3;
    expect(await sample(metrics, 'stagecast_recorder_cpu_seconds_total')).toBe(3);
    expect(await sample(metrics, 'stagecast_livekit_restarts_total')).toBe(3);
    cpu = []; // both ended
    expect(await sample(metrics, 'stagecast_recorder_cpu_seconds_total')).toBe(3);
  });

  it('count database errors by kind and Redis errors', async () => {
    const metrics = createMetrics();
    metrics.databaseError('connection');
    metrics.databaseError('connection');
    metrics.redisError();
    expect(await sample(metrics, 'stagecast_database_errors_total{kind="connection"}')).toBe(2);
    expect(await sample(metrics, 'stagecast_redis_errors_total')).toBe(1);
  });
});
