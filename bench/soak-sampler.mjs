// The soak's gauges (issue 13): every few seconds, what the app, its livekit-server, the
// database and the load generator hold, and whether the database's participant count is
// LiveKit's; afterwards, whether each gauge stayed flat. Used by soak-run.mjs; types in
// soak-sampler.d.mts.
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import process from 'node:process';
import { clockTicks, cpuTicks, rssMb } from './proc-stats.mjs';
import { sleep } from './support.mjs';

const { fetch } = globalThis;

/** The open file descriptors of `pid` (sockets, files, pipes, eventfds): `/proc/<pid>/fd`. */
export function openFds(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** The values of the unlabelled samples named in `names` from a Prometheus text scrape. */
export function promValues(text, names) {
  const values = {};
  for (const line of text.split('\n')) {
    const [name, value] = line.split(' ');
    if (names.includes(name)) values[name] = Number(value);
  }
  return values;
}

const round = (v, digits = 1) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * Samples every `everyMs` until `stop()`. `counts()` answers `{livekit, database}` (the room's
 * participants in LiveKit, the session's connected participants in the database);
 * `dbConnections()` the app's connections to PostgreSQL, or null; `extra()` more fields (the
 * clients' own figures); `generatorPid` the Go clients' process, if any. Each sample's `t` is in seconds from the start.
 */
export function startSampler({
  appPid,
  livekitPid,
  generatorPid,
  metricsUrl,
  counts,
  dbConnections,
  extra,
  everyMs,
}) {
  const ticks = clockTicks();
  const samples = [];
  const started = Date.now();
  let running = true;
  const cpu = () => ({
    at: Date.now(),
    app: cpuTicks(appPid),
    livekit: cpuTicks(livekitPid),
    generator: process.cpuUsage(),
    loadgen: generatorPid ? cpuTicks(generatorPid) : 0,
  });
  let last = cpu();
  const take = async () => {
    const [scrape, participants, connections] = await Promise.all([
      fetch(metricsUrl)
        .then((r) => r.text())
        .catch(() => ''),
      counts().catch(() => ({ livekit: null, livekitAll: null, database: null })),
      dbConnections().catch(() => null),
    ]);
    const now = cpu();
    const seconds = (now.at - last.at) / 1000;
    const gen = process.cpuUsage(last.generator);
    const prom = promValues(scrape, [
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_eventloop_lag_max_seconds',
      'nodejs_heap_size_used_bytes',
      'nodejs_active_handles_total',
    ]);
    const ms = (name) => (name in prom ? round(prom[name] * 1000, 2) : null);
    samples.push({
      t: round((now.at - started) / 1000),
      app: {
        rssMb: round(rssMb(appPid)),
        heapMb:
          'nodejs_heap_size_used_bytes' in prom
            ? round(prom.nodejs_heap_size_used_bytes / 2 ** 20)
            : null,
        fds: openFds(appPid),
        activeHandles: prom.nodejs_active_handles_total ?? null,
        eventLoopP99Ms: ms('nodejs_eventloop_lag_p99_seconds'),
        eventLoopMaxMs: ms('nodejs_eventloop_lag_max_seconds'),
        cpu: round((now.app - last.app) / ticks / seconds, 3),
      },
      dbConnections: connections,
      livekit: {
        rssMb: round(rssMb(livekitPid)),
        cpu: round((now.livekit - last.livekit) / ticks / seconds, 3),
      },
      // This process (the clients' API calls, and rtc-node's clients if those) and the Go
      // clients' process if any; `cpu` is both.
      generator: {
        rssMb: round(process.memoryUsage.rss() / 2 ** 20),
        heapMb: round(process.memoryUsage().heapUsed / 2 ** 20),
        externalMb: round(process.memoryUsage().external / 2 ** 20),
        nodeCpu: round((gen.user + gen.system) / 1e6 / seconds, 3),
        ...(generatorPid && {
          goRssMb: round(rssMb(generatorPid)),
          goCpu: round((now.loadgen - last.loadgen) / ticks / seconds, 3),
        }),
        cpu: round(
          (gen.user + gen.system) / 1e6 / seconds + (now.loadgen - last.loadgen) / ticks / seconds,
          3,
        ),
      },
      participants,
      /** The machine's 1-minute load average (it is shared). */
      load1: round(loadavg()[0], 2),
      ...extra(),
    });
    last = now;
  };
  const loop = (async () => {
    while (running) {
      const tick = Date.now();
      await take();
      while (running && Date.now() < tick + everyMs)
        await sleep(Math.min(200, tick + everyMs - Date.now()));
    }
  })();
  return {
    samples,
    /** One more sample now, outside the loop. */
    take,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** Least-squares slope of `ys` against `xs`. */
function slope(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i += 1) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Whether the gauge `value(sample)` stayed flat over `samples` (the churn, without its
 * warm-up): its growth from the first window's mean to the last window's, and its
 * least-squares slope projected over 10 minutes, must each stay within
 * `max(floor, share × the first window's mean)`. Only growth fails it: a leak grows.
 */
export function flatness(samples, value, { windowSeconds, floor, share }) {
  const points = samples
    .map((s) => ({ t: s.t, v: value(s) }))
    .filter((p) => p.v !== null && p.v !== undefined);
  if (points.length < 4) return { verdict: 'n/a', points: points.length };
  const t0 = points[0].t;
  const tEnd = points[points.length - 1].t;
  const first = points.filter((p) => p.t < t0 + windowSeconds).map((p) => p.v);
  const last = points.filter((p) => p.t > tEnd - windowSeconds).map((p) => p.v);
  const firstMean = mean(first);
  const lastMean = mean(last);
  const per10Min =
    slope(
      points.map((p) => p.t),
      points.map((p) => p.v),
    ) * 600;
  const bound = Math.max(floor, share * firstMean);
  const growth = lastMean - firstMean;
  return {
    firstWindowMean: round(firstMean, 2),
    lastWindowMean: round(lastMean, 2),
    growth: round(growth, 2),
    slopePer10Min: round(per10Min, 2),
    bound: round(bound, 2),
    verdict: growth <= bound && per10Min <= bound ? 'flat' : 'growing',
  };
}
