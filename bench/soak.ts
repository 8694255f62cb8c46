// Soak (issue 13): 50 clients churn through one live session of the real app and its real
// livekit-server for 30 minutes (join, chat, hands, role changes by the host, kicks, leave,
// rejoin); the app's RSS, heap, open fds and handles, event-loop delay, its PostgreSQL
// connections, livekit-server's RSS and CPU, and the participant counts of LiveKit and the
// database are sampled all along. At the end every client leaves: after a settle period both
// counts must be 0, and every gauge flat (soak-run.mjs's FLAT_RULES).
//
//   node --import tsx bench/soak.ts
//
// Writes bench/results/soak-<time>.json and .png. Settings: see bench/README.md.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { livekitPids } from '../apps/server/test/support/processes.js';
import { claimRedisDatabase } from '../apps/server/test/support/redis-db.js';
import { renderChart, uplotPage } from './chart.js';
import { runSoak } from './soak-run.mjs';
import type { SoakReport } from './soak-run.mjs';
import { startViewersApp } from './live-class.mjs';
import { cleanupOnExit, machineInfo, printTable, runBench, writeResults } from './support.mjs';

const env = process.env;
const seconds = Number(env.SOAK_SECONDS ?? 1800);
const settings = {
  seconds,
  clients: Number(env.SOAK_CLIENTS ?? 50),
  sampleSeconds: Number(env.SOAK_SAMPLE_SECONDS ?? (seconds >= 600 ? 10 : 2)),
  warmupSeconds: Number(env.SOAK_WARMUP_SECONDS ?? Math.min(120, seconds / 4)),
  windowSeconds: Number(env.SOAK_WINDOW_SECONDS ?? Math.min(300, seconds / 4)),
  settleSeconds: Number(env.SOAK_SETTLE_SECONDS ?? 20),
  /** Each client's think time before each action and after leaving, min,max in ms. */
  thinkMs: (env.SOAK_THINK_MS ?? '2000,10000').split(',').map(Number) as [number, number],
  /** The clients' LiveKit side: `go` (bench/viewers churn) or `rtc-node`. */
  livekitClients: (env.SOAK_LIVEKIT_CLIENTS ?? 'go') as 'go' | 'rtc-node',
  database: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  redis: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
};

const log = (message: string) => console.log(`[soak] ${message}`);
// @livekit/rtc-node logs at debug level unless in production (one line per connect).
process.env.NODE_ENV ??= 'production';

function chartPage(report: SoakReport): string {
  const s = report.samples;
  const x = s.map((p) => p.t / 60);
  const data = {
    memory: [
      x,
      s.map((p) => p.app.rssMb),
      s.map((p) => p.app.heapMb),
      s.map((p) => p.livekit.rssMb),
      s.map((p) => p.generator.goRssMb ?? null),
    ],
    handles: [
      x,
      s.map((p) => p.app.fds),
      s.map((p) => p.app.activeHandles),
      s.map((p) => p.dbConnections),
    ],
    people: [
      x,
      s.map((p) => p.participants.livekit),
      s.map((p) => p.participants.database),
      s.map((p) => p.clients.connected),
      s.map((p) => p.participants.livekitAll ?? null),
    ],
    load: [
      x,
      s.map((p) => p.app.eventLoopP99Ms),
      s.map((p) => p.app.cpu),
      s.map((p) => p.livekit.cpu),
      s.map((p) => p.generator.cpu),
    ],
  };
  return uplotPage(
    '<div id="memory"></div><div id="handles"></div><div id="people"></div><div id="load"></div>',
    `
const data = ${JSON.stringify(data)};
const common = { width: 620, height: 320, legend: { live: false },
  scales: { x: { time: false } } };
const line = (label, stroke, extra = {}) => ({ label, stroke, width: 2, ...extra });
const minutes = { label: 'minutes' };
new uPlot({ ...common, title: 'Memory (MB)', axes: [minutes, { label: 'MB' }],
  series: [minutes, line('app RSS', '#1f77b4'), line('app heap used', '#17becf'),
    line('livekit-server RSS', '#d62728'), line('Go clients RSS', '#2ca02c', { width: 1 })] }, data.memory, document.getElementById('memory'));
new uPlot({ ...common, title: 'App: open fds, active handles; PostgreSQL connections',
  axes: [minutes, {}], series: [minutes, line('open fds', '#1f77b4'),
    line('active handles', '#ff7f0e'), line('DB connections', '#2ca02c')] },
  data.handles, document.getElementById('handles'));
new uPlot({ ...common, title: 'Participants: LiveKit vs database', axes: [minutes, {}],
  series: [minutes, line('LiveKit ACTIVE', '#d62728'), line('database', '#1f77b4', { dash: [6, 4] }),
    line('clients connected', '#7f7f7f'), line('LiveKit, any state', '#ff9896', { width: 1 })] }, data.people, document.getElementById('people'));
new uPlot({ ...common, title: 'Event-loop delay p99 (ms) and CPU (cores)',
  scales: { x: { time: false }, cores: { range: [0, 2] } },
  axes: [minutes, { label: 'ms' }, { scale: 'cores', side: 1, label: 'cores', grid: { show: false } }],
  series: [minutes, line('app event-loop p99 ms', '#9467bd'),
    line('app CPU', '#1f77b4', { scale: 'cores' }), line('livekit-server CPU', '#d62728', { scale: 'cores' }),
    line('generator CPU', '#2ca02c', { scale: 'cores' })] }, data.load, document.getElementById('load'));
`,
    '#charts { flex-wrap: wrap; width: 1270px; }',
  );
}

function printReport(report: SoakReport) {
  const rows = [
    ['gauge', 'first window', 'last window', 'growth', 'slope /10 min', 'bound', 'verdict'],
  ];
  for (const [name, f] of Object.entries(report.flatness)) {
    const cell = (v: number | undefined) => (v === undefined ? '-' : String(v));
    rows.push([
      name,
      cell(f.firstWindowMean),
      cell(f.lastWindowMean),
      cell(f.growth),
      cell(f.slopePer10Min),
      cell(f.bound),
      f.verdict,
    ]);
  }
  printTable(rows);
  const ops = [['operation', 'count', 'failed', 'statuses', 'p50 ms', 'p99 ms']];
  for (const [op, o] of Object.entries(report.ops.byOp))
    ops.push([
      op,
      String(o.count),
      String(o.failed),
      JSON.stringify(o.statuses),
      String(o.p50Ms),
      String(o.p99Ms),
    ]);
  printTable(ops);
}

async function main() {
  const loadBefore = loadavg();
  const cleanups = cleanupOnExit();
  try {
    let redisUrl: string | undefined;
    if (settings.redis !== 'none') {
      const redis = await claimRedisDatabase(settings.redis);
      cleanups.add(() => redis.release());
      redisUrl = redis.url;
    }
    const app = await startViewersApp({
      prefix: 'soak',
      database: settings.database,
      cleanups,
      env: redisUrl ? { REDIS_URL: redisUrl } : {},
    });
    const livekitPid = livekitPids(app.dataDir)[0];
    if (!app.pid || !livekitPid) throw new Error('no pid for the app or its livekit-server');
    log(
      `app on ${app.baseUrl} (pid ${app.pid}), LiveKit pid ${livekitPid}, database ${app.databaseUrl ? 'PostgreSQL' : 'PGlite'}, Redis ${redisUrl ?? 'none'}`,
    );
    const keys = JSON.parse(readFileSync(join(app.dataDir, 'livekit-keys.json'), 'utf8')) as {
      apiKey: string;
      apiSecret: string;
    };
    const report = await runSoak({
      app: { ...app, pid: app.pid, livekitPid, keys },
      clients: settings.clients,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      windowSeconds: settings.windowSeconds,
      settleSeconds: settings.settleSeconds,
      sampleSeconds: settings.sampleSeconds,
      thinkMs: settings.thinkMs,
      livekitClients: settings.livekitClients,
      log,
    });
    const loadAfter = loadavg();
    printReport(report);
    const flat = Object.values(report.flatness).every((f) => f.verdict !== 'growing');
    // A soak whose clients could not get in (the generator failing) says nothing: at most 1 %
    // of the operations may fail, as in the short run in the tests.
    const churned = report.ops.failed <= report.ops.total * 0.01;
    const pass = report.leaks.leaked === 0 && report.ops.fiveHundreds === 0 && flat && churned;
    log(
      `leaked participants: LiveKit ${report.leaks.livekit}, database ${report.leaks.database} (empty ${report.leaks.emptyAfterMs} ms after the last left)`,
    );
    log(
      `ops ${report.ops.total}, failed ${report.ops.failed}, 5xx ${report.ops.fiveHundreds}; visits ${report.visits}`,
    );
    log(
      `event-loop p99 ms: median ${report.eventLoopP99Ms.median}, max ${report.eventLoopP99Ms.max}; mean CPU ${JSON.stringify(report.meanCpuCores)}`,
    );
    log(
      `load ${loadBefore.map((l) => l.toFixed(2)).join(' ')} → ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
    );
    log(pass ? 'PASS' : 'FAIL');
    const file = await writeResults('soak', {
      machine: { ...machineInfo(), loadBefore, loadAfter },
      settings: {
        ...settings,
        database: app.databaseUrl ? 'postgresql' : 'pglite',
        redis: redisUrl ? 'redis' : 'none',
      },
      pass,
      ...report,
    });
    await renderChart(chartPage(report), file.replace(/\.json$/, '.png'), {
      width: 1300,
      height: 720,
    });
  } finally {
    await cleanups.runAll();
  }
}

await runBench(main);
