import { Room } from '@livekit/rtc-node';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emptyBuckets } from '../src/metrics/latency-buckets.js';
import { sampleStats } from '../src/modules/admin/stats/sample-stats.js';
import { statsRepository } from '../src/modules/admin/stats/stats-repository.js';
import { readLiveCounts } from '../src/modules/metrics/read-live-counts.js';
import type { Cast } from './support/api.js';
import { publishSyntheticVideo } from './support/media.js';
import type { Publisher } from './support/media.js';
import { joinAsNewUser } from './support/participants.js';
import { waitFor } from './support/processes.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

const METRICS_TOKEN = 'metrics-token-for-the-tests';
/** CI sets REDIS_URL: then the Redis health card is checked too. */
const REDIS_URL = process.env.REDIS_URL;

let stack: Stack;
let c: Cast;
const publishers: Publisher[] = [];
const rooms: Room[] = [];
const { clients } = useStack({
  env: {
    TRUST_PROXY: 'true',
    METRICS_TOKEN,
    STATS_INTERVAL: '1s',
    // The recording below stays cheap on a 2-core machine.
    RECORDING_WIDTH: '160',
    RECORDING_HEIGHT: '90',
    RECORDING_FPS: '5',
    RECORDING_PRESET: 'ultrafast',
    ...(REDIS_URL ? { REDIS_URL } : {}),
  },
  onReady: (ready) => ({ stack, c } = ready),
  beforeStop: async () => {
    for (const p of publishers) await p.stop().catch(() => undefined);
    for (const r of rooms) await r.disconnect().catch(() => undefined);
  },
});

async function scrape(headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.baseUrl}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one sample of `/metrics` (scraped from loopback), 0 when it is absent. */
async function metric(line: string): Promise<number> {
  const { text } = await scrape();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

const JOINS_OK = 'stagecast_joins_total{outcome="ok"}';
const SPEAKERS = 'stagecast_participants_connected{role="speaker"}';

describe('GET /metrics', () => {
  it('answers loopback in the Prometheus text format, without a token', async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    expect(res.text).toContain('# TYPE stagecast_http_request_duration_seconds histogram');
    expect(res.text).toContain('# TYPE stagecast_live_sessions gauge');
    expect(res.text).toContain('process_cpu_seconds_total');
    // Routes are labelled by their pattern, never by the URL asked for.
    await c.api.call('GET', '/api/v1/live/sessions/00000000-0000-4000-8000-000000000000');
    await c.api.call('GET', '/no/such/page/123');
    const after = await scrape();
    expect(after.text).toMatch(/route="\/api\/v1\/live\/sessions\/:session_id",status="404"/);
    expect(after.text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(after.text).not.toContain('/no/such/page');
    expect(after.text).toMatch(/route="unmatched",status="404"/);
  });

  it('answers 401 JSON to a forwarded non-loopback client (TRUST_PROXY) without the token', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.7' };
    const refused = await scrape(forwarded);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(refused.text).not.toContain('stagecast_');
    const wrong = await scrape({ ...forwarded, authorization: `Bearer ${METRICS_TOKEN}x` });
    expect(wrong.status).toBe(401);
    // A forwarded request needs the token even when it claims loopback: a proxy on this
    // machine connects over loopback for anyone.
    expect((await scrape({ 'x-forwarded-for': '127.0.0.1' })).status).toBe(401);
    const allowed = await scrape({ ...forwarded, authorization: `Bearer ${METRICS_TOKEN}` });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('stagecast_joins_total');
    expect(stack.logs()).not.toContain(METRICS_TOKEN);
  });

  it('counts the queries the database refused, by kind', async () => {
    const line = 'stagecast_database_errors_total{kind="query"}';
    const before = await metric(line);
    await expect(stack.database.rows(sql`select * from no_such_table`)).rejects.toThrow();
    await expect(stack.database.rows(sql`select * from no_such_table`)).rejects.toThrow();
    expect(await metric(line)).toBe(before + 2);
  });

  it('moves the participants gauge and the join counters with real joins and leaves', async () => {
    const session = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'meeting',
    });
    const okBefore = await metric(JOINS_OK);
    const speakersBefore = await metric(SPEAKERS);
    const webhooksBefore = await metric(
      'stagecast_webhook_events_total{event="participant_joined",outcome="applied"}',
    );

    const a = await joinAsNewUser(c, clients, session.session_id);
    const b = await joinAsNewUser(c, clients, session.session_id);
    await waitFor(async () => (await metric(SPEAKERS)) === speakersBefore + 2, 10_000, '2 more');
    expect(await metric(JOINS_OK)).toBe(okBefore + 2);
    expect(
      await metric('stagecast_webhook_events_total{event="participant_joined",outcome="applied"}'),
    ).toBeGreaterThanOrEqual(webhooksBefore + 2);
    expect(
      await metric('stagecast_webhook_lag_seconds_count{event="participant_joined"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(await metric('stagecast_live_sessions')).toBeGreaterThanOrEqual(1);

    // A refused join is counted under its reason.
    const privateSession = await c.api.createSession(c.mentor.token, {
      start_now: true,
      is_public: false,
    });
    const refusedBefore = await metric('stagecast_joins_total{outcome="invite_required"}');
    expect((await c.api.join(a.token, privateSession.session_id)).status).toBe(403);
    expect(await metric('stagecast_joins_total{outcome="invite_required"}')).toBe(
      refusedBefore + 1,
    );

    await a.room.disconnect();
    await waitFor(async () => (await metric(SPEAKERS)) === speakersBefore + 1, 10_000, '1 left');
    await b.room.disconnect();
    await waitFor(async () => (await metric(SPEAKERS)) === speakersBefore, 10_000, 'none left');
    expect(await metric(JOINS_OK)).toBe(okBefore + 2);
  });
});

describe('the platform samples', () => {
  it('show the bandwidth of real video flowing, and /api/v1/admin/stats serves it to admins', async () => {
    const session = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'meeting',
    });
    const host = await c.api.join(c.mentor.token, session.session_id);
    publishers.push(await publishSyntheticVideo(stack.livekitUrl, host.body.access_token, 15));
    const viewer = await c.api.register();
    const joined = await c.api.join(viewer.token, session.session_id);
    const subscriber = new Room();
    rooms.push(subscriber);
    await subscriber.connect(stack.livekitUrl, joined.body.access_token, {
      autoSubscribe: true,
      dynacast: false,
    });

    // A built-in recording of it: counted as active, its encoder's CPU counted as it runs.
    const recordingPath = `/api/v1/live/sessions/${session.session_id}/recording`;
    const cpuBefore = await metric('stagecast_recorder_cpu_seconds_total');
    const started = await c.api.call('POST', `${recordingPath}/start`, { token: c.mentor.token });
    expect(started.status).toBe(200);
    expect(await metric('stagecast_recordings_active{backend="builtin"}')).toBe(1);
    await waitFor(
      async () => (await metric('stagecast_recorder_cpu_seconds_total')) > cpuBefore,
      10_000,
      "the recorder's CPU",
      200,
    );
    const stopped = await c.api.call('POST', `${recordingPath}/stop`, { token: c.mentor.token });
    expect(stopped.status).toBe(200);
    expect(await metric('stagecast_recordings_active{backend="builtin"}')).toBe(0);

    // LiveKit adds its stream stats to its counters every 5 s: sample until a slot shows them.
    const sampler = stack.app.statsSampler;
    let bandwidth: { bytes_in_per_second: number | null; bytes_out_per_second: number | null } = {
      bytes_in_per_second: null,
      bytes_out_per_second: null,
    };
    await waitFor(
      async () => {
        expect(await sampler.sampleNow()).toBe('sampled');
        const [row] = await stack.database.rows<typeof bandwidth>(
          sql`select bytes_in_per_second, bytes_out_per_second from stats_samples
              order by at desc limit 1`,
        );
        bandwidth = row!;
        await new Promise((r) => setTimeout(r, 1_050));
        return (row?.bytes_in_per_second ?? 0) > 0 && (row?.bytes_out_per_second ?? 0) > 0;
      },
      20_000,
      'a sample with bandwidth',
      0,
    );
    // A 320x240 picture at 15 fps is tens of kilobytes a second, not bytes nor gigabytes.
    expect(bandwidth.bytes_in_per_second).toBeGreaterThan(2_000);
    expect(bandwidth.bytes_in_per_second).toBeLessThan(50_000_000);

    const stats = await c.api.call('GET', '/api/v1/admin/stats?range=1h', {
      token: c.admin.token,
    });
    expect(stats.status).toBe(200);
    expect(stats.body.range).toBe('1h');
    expect(stats.body.bandwidth_source).toBe('livekit_prometheus');
    expect(stats.body.now.live_sessions).toBeGreaterThanOrEqual(1);
    expect(stats.body.now.connected_users).toBeGreaterThanOrEqual(2);
    expect(stats.body.now.bandwidth_in_bytes_per_second).toBeGreaterThan(0);
    expect(stats.body.now.health.database.ok).toBe(true);
    expect(stats.body.now.health.livekit.ok).toBe(true);
    if (REDIS_URL) expect(stats.body.now.health.redis.ok).toBe(true);
    else expect(stats.body.now.health.redis).toBeNull();
    expect(stats.body.now.disk.free_bytes).toBeGreaterThan(0);
    const series = stats.body.series;
    expect(series.t.length).toBeLessThanOrEqual(301);
    expect(series.bytes_in_per_second.length).toBe(series.t.length);
    expect(series.bytes_in_per_second.some((v: number | null) => (v ?? 0) > 0)).toBe(true);
    expect(series.connected_users.some((v: number | null) => (v ?? 0) >= 2)).toBe(true);
    expect(series.joins_per_minute.some((v: number | null) => (v ?? 0) > 0)).toBe(true);
    expect(series.join_p95_ms.some((v: number | null) => (v ?? 0) > 0)).toBe(true);
  });

  it('answer 401 without a token, 403 to non-admins and 400 naming a bad range', async () => {
    expect((await c.api.call('GET', '/api/v1/admin/stats')).status).toBe(401);
    const mentor = await c.api.call('GET', '/api/v1/admin/stats', { token: c.mentor.token });
    expect(mentor.status).toBe(403);
    const bad = await c.api.call('GET', '/api/v1/admin/stats?range=2w', { token: c.admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.message).toContain('range');
    for (const range of ['24h', '7d']) {
      const ok = await c.api.call('GET', `/api/v1/admin/stats?range=${range}`, {
        token: c.admin.token,
      });
      expect(ok.status).toBe(200);
      expect(ok.body.series.t.length).toBeLessThanOrEqual(301);
    }
  });

  it('are taken by one instance per slot while every instance adds its counts, and pruned', async () => {
    const repo = statsRepository(stack.database);
    const instance = (joins: number) => {
      const bucketed = emptyBuckets();
      bucketed[1] = joins;
      let taken = false;
      return {
        repo,
        livekit: stack.livekit.stats,
        liveCounts: () => readLiveCounts(stack.database),
        window: {
          take: () => {
            const counts = taken
              ? { joins: 0, joinBuckets: emptyBuckets(), http4xx: 0, http5xx: 0 }
              : { joins, joinBuckets: bucketed, http4xx: joins, http5xx: 1 };
            taken = true;
            return counts;
          },
          restore: () => undefined,
          recordJoin: () => undefined,
          recordStatus: () => undefined,
        },
        intervalSeconds: 10,
        retentionSeconds: 3600,
        last: {},
      };
    };
    // A slot far from now, so the app's own samples (1 s slots) never land in it.
    const now = Date.now() - 30 * 60_000;
    const old = new Date(Date.now() - 2 * 3600_000);
    await stack.database.rows(
      sql`insert into stats_samples (at, seconds, join_buckets) values (${old.toISOString()}, 10, '{}')`,
    );
    const outcomes = await Promise.all([
      sampleStats(instance(3), now),
      sampleStats(instance(4), now),
      sampleStats(instance(5), now),
    ]);
    expect(outcomes.sort()).toEqual(['added', 'added', 'sampled']);
    const at = new Date(Math.floor(now / 10_000) * 10_000).toISOString();
    const [row] = await stack.database.rows<Record<string, unknown>>(
      sql`select * from stats_samples where at = ${at}`,
    );
    expect(row).toMatchObject({ joins: 12, http_4xx: 12, http_5xx: 3, seconds: 10 });
    expect((row!.join_buckets as number[]).map(Number)).toEqual([0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(row!.live_sessions).not.toBeNull();
    const [gone] = await stack.database.rows<{ n: number }>(
      sql`select count(*)::int as n from stats_samples where at = ${old.toISOString()}`,
    );
    expect(Number(gone!.n)).toBe(0);
  });
});
