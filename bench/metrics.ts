// Metrics benchmark (issue 12): what watching the platform costs. In the same run, against a
// baseline measured beside it:
//   - a `/metrics` scrape (latency, CPU, size) against a `/healthz` request;
//   - one stats sample (the claiming instance's pass, and another instance's adding pass) against
//     a database round trip (`select 1`);
//   - the rows and bytes the samples take per day;
//   - `GET /api/v1/admin/stats` over a full week of samples.
//
//   node --import tsx bench/metrics.ts
//
// The app is built in this process (as the integration tests do: `startStack`), with a real
// livekit-server child carrying real video, so that LiveKit's own metrics are of a realistic size.
// Writes bench/results/metrics-<time>.json.
import { sql } from 'drizzle-orm';
import { emptyBuckets } from '../apps/server/src/metrics/latency-buckets.js';
import { statsWindow } from '../apps/server/src/metrics/stats-window.js';
import {
  RANGE_SECONDS,
  seriesStart,
  stepFor,
} from '../apps/server/src/modules/admin/stats/build-series.js';
import { sampleStats } from '../apps/server/src/modules/admin/stats/sample-stats.js';
import type { SampleDeps } from '../apps/server/src/modules/admin/stats/sample-stats.js';
import { statsRepository } from '../apps/server/src/modules/admin/stats/stats-repository.js';
import { readLiveCounts } from '../apps/server/src/modules/metrics/read-live-counts.js';
import { machineInfo, printTable, writeResults } from './support.mjs';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',');
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const SESSIONS = 20;
const PARTICIPANTS_PER_SESSION = 25;
const INTERVAL_SECONDS = 10;

// The test support reads DATABASE_URL when it is imported: set it first.
process.env.DATABASE_URL ??= ADMIN_URL;
process.env.STAGECAST_TEST_RUN ??= `bench${process.pid}`;
const { startStack } = await import('../apps/server/test/support/stack.js');
const { cast } = await import('../apps/server/test/support/api.js');
const { publishSyntheticVideo, connectClient } =
  await import('../apps/server/test/support/media.js');

type Stack = Awaited<ReturnType<typeof startStack>>;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** The median and 95th percentile of a call's wall time, and the process CPU per call. */
interface Timing {
  medianMs: number;
  p95Ms: number;
  cpuMsPerCall: number;
}

/** Wall time (ms) of each of `runs` calls, and the process CPU (ms) per call. */
async function measure(runs: number, call: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.min(20, runs); i += 1) await call(-1 - i); // warm-up
  const wall: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await call(i);
    wall.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  return {
    medianMs: quantile(wall, 0.5),
    p95Ms: quantile(wall, 0.95),
    cpuMsPerCall: (used.user + used.system) / 1000 / runs,
  };
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** A platform of the right size: live sessions with connected rows, and real video in one. */
async function populate(stack: Stack) {
  const c = await cast(stack);
  const sessions: string[] = [];
  for (let i = 0; i < SESSIONS; i += 1) {
    sessions.push((await c.api.createSession(c.mentor.token, { start_now: true })).session_id);
  }
  for (const sessionId of sessions) {
    await stack.database.rows(sql`
      insert into live_participants (id, session_id, user_id, identity, display_name, role,
        connected, joined_at)
      select gen_random_uuid(), ${sessionId}, 'bench' || n, 'user:bench' || n, 'Bench ' || n,
        case when n = 1 then 'host' when n < 4 then 'speaker' else 'viewer' end, true, now()
      from generate_series(1, ${PARTICIPANTS_PER_SESSION}) as n`);
  }
  // Real traffic, and real requests for the HTTP histogram's label set.
  const host = await c.api.join(c.mentor.token, sessions[0]!);
  const publisher = await publishSyntheticVideo(stack.livekitUrl, host.body.access_token, 15);
  const viewer = await c.api.register();
  const joined = await c.api.join(viewer.token, sessions[0]!);
  const subscriber = await connectClient(stack.livekitUrl, joined.body.access_token);
  for (const sessionId of sessions) {
    await c.api.call('GET', `/api/v1/live/sessions/${sessionId}`);
    await c.api.call('GET', `/api/v1/live/sessions/${sessionId}/participants`);
  }
  return {
    c,
    stop: async () => {
      await subscriber.disconnect();
      await publisher.stop();
    },
  };
}

async function runBackend(backend: 'pglite' | 'postgres') {
  const stack = await startStack({ backend, env: { STATS_INTERVAL: `${INTERVAL_SECONDS}s` } });
  const platform = await populate(stack);
  try {
    // Let LiveKit's stats reach its counters (every 5 s) so that its /metrics is full size.
    await new Promise((r) => setTimeout(r, 6_000));
    const get = (path: string, token?: string) => async () => {
      const res = await fetch(`${stack.baseUrl}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      const body = await res.text();
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      return body;
    };
    const healthz = await measure(RUNS, get('/healthz'));
    const scrape = await measure(RUNS, get('/metrics'));
    const scrapeBytes = (await get('/metrics')()).length;

    const repo = statsRepository(stack.database);
    const deps: SampleDeps = {
      repo,
      livekit: stack.livekit.stats,
      liveCounts: () => readLiveCounts(stack.database),
      window: statsWindow(),
      intervalSeconds: INTERVAL_SECONDS,
      retentionSeconds: 7 * 86_400,
      last: {},
    };
    // Slots of their own, an hour back, one per call: every call claims its slot and samples.
    const base = Date.now() - 3_600_000;
    const ping = await measure(RUNS, () => stack.database.ping());
    const sampled = await measure(RUNS, async (i) => {
      if ((await sampleStats(deps, base + (i + 30) * INTERVAL_SECONDS * 1000)) !== 'sampled')
        throw new Error('expected to sample');
    });
    // Another instance's pass over the same slots: it only adds its counts.
    const added = await measure(RUNS, async (i) => {
      for (let j = 0; j < 5; j += 1) deps.window.recordJoin(12);
      deps.window.recordStatus(404);
      if ((await sampleStats(deps, base + (i + 30) * INTERVAL_SECONDS * 1000)) !== 'added')
        throw new Error('expected to add');
    });

    // A full week of samples, as the default retention keeps.
    const rowsPerDay = 86_400 / INTERVAL_SECONDS;
    await stack.database.rows(sql`delete from stats_samples`);
    const buckets = `{${emptyBuckets()
      .map((_, i) => (i === 2 ? 7 : 0))
      .join(',')}}`;
    await stack.database.rows(sql`
      insert into stats_samples (at, seconds, live_sessions, connected_users, recordings_active,
        bytes_in_per_second, bytes_out_per_second, packet_loss_percent, livekit_rooms,
        livekit_participants, joins, join_buckets, http_4xx, http_5xx)
      select to_timestamp(floor(extract(epoch from now()) / ${INTERVAL_SECONDS}) * ${INTERVAL_SECONDS}
          - n * ${INTERVAL_SECONDS}),
        ${INTERVAL_SECONDS}, 20, 500, 1, 123456.5, 654321.5, 0.4, 20, 502, 7,
        ${buckets}::int[], 3, 0
      from generate_series(0, ${rowsPerDay * 7 - 1}) as n`);
    const [size] = await stack.database.rows<{ bytes: string | number; rows: string | number }>(
      sql`select pg_total_relation_size('stats_samples') as bytes, count(*) as rows
          from stats_samples`,
    );
    const bytesPerRow = Number(size!.bytes) / Number(size!.rows);
    const admin = platform.c.admin.token;
    // The series' aggregate itself (the route serves it again for up to a minute).
    const seriesQuery = async (range: '1h' | '24h' | '7d') => {
      const step = stepFor(RANGE_SECONDS[range], INTERVAL_SECONDS);
      const start = seriesStart(Math.floor(Date.now() / 1000), RANGE_SECONDS[range], step);
      return measure(10, () => repo.series(new Date(start * 1000), step));
    };
    const stats = {
      '1h': await measure(20, get('/api/v1/admin/stats?range=1h', admin)),
      '24h': await measure(20, get('/api/v1/admin/stats?range=24h', admin)),
      '7d': await measure(20, get('/api/v1/admin/stats?range=7d', admin)),
    };
    const series = {
      '1h': await seriesQuery('1h'),
      '24h': await seriesQuery('24h'),
      '7d': await seriesQuery('7d'),
    };
    return {
      backend,
      platform: {
        liveSessions: SESSIONS,
        connectedRows: SESSIONS * PARTICIPANTS_PER_SESSION,
        realVideoStreams: 1,
      },
      scrape: { ...scrape, bytes: scrapeBytes },
      healthz,
      scrapeOverHealthz: round(scrape.medianMs / healthz.medianMs),
      scrapeCpuMsNetOfHealthz: round(scrape.cpuMsPerCall - healthz.cpuMsPerCall, 3),
      databasePing: ping,
      sampleClaimed: sampled,
      sampleAdded: added,
      sampleOverPing: round(sampled.medianMs / ping.medianMs),
      rowsPerDay,
      bytesPerRow: Math.round(bytesPerRow),
      mbPerDay: round((bytesPerRow * rowsPerDay) / 1e6),
      mbPerRetention7d: round((bytesPerRow * rowsPerDay * 7) / 1e6),
      adminStats: stats,
      seriesAggregate: series,
    };
  } finally {
    await platform.stop().catch(() => undefined);
    await stack.stop();
  }
}

const results = [];
for (const backend of BACKENDS) {
  if (backend !== 'pglite' && backend !== 'postgres') throw new Error(`unknown ${backend}`);
  console.log(`measuring on ${backend}…`);
  results.push(await runBackend(backend));
}

const ms = (v: number) => v.toFixed(2);
/** One line of the table: a measured call's median, p95 and CPU per call. */
const timed = (backend: string, figure: string, t: Timing, note = '') => [
  backend,
  figure,
  ms(t.medianMs),
  ms(t.p95Ms),
  ms(t.cpuMsPerCall),
  note,
];
const RANGES = ['1h', '24h', '7d'] as const;
printTable([
  ['backend', 'figure', 'median ms', 'p95 ms', 'CPU ms/call', 'note'],
  ...results.flatMap((r) => [
    timed(r.backend, 'GET /healthz (baseline)', r.healthz),
    timed(
      r.backend,
      'GET /metrics',
      r.scrape,
      `${r.scrapeOverHealthz}× healthz, ${Math.round(r.scrape.bytes / 1024)} KiB`,
    ),
    timed(r.backend, 'select 1 (baseline)', r.databasePing),
    timed(
      r.backend,
      'sample (claiming instance)',
      r.sampleClaimed,
      `${r.sampleOverPing}× select 1`,
    ),
    timed(r.backend, 'sample (other instance)', r.sampleAdded),
    ...RANGES.map((range) =>
      timed(r.backend, `series aggregate ${range} (7 d stored)`, r.seriesAggregate[range]),
    ),
    ...RANGES.map((range) =>
      timed(r.backend, `GET admin/stats ${range} (series reused)`, r.adminStats[range]),
    ),
    [
      r.backend,
      'storage',
      '',
      '',
      '',
      `${r.rowsPerDay} rows/day, ${r.bytesPerRow} B/row, ${r.mbPerDay} MB/day, ${r.mbPerRetention7d} MB/7 d`,
    ],
  ]),
]);
await writeResults('metrics', {
  machine: machineInfo(),
  settings: { runs: RUNS, intervalSeconds: INTERVAL_SECONDS },
  results,
});
process.exit(0);
