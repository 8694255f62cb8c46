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
import type { SoakReport, SoakSample } from './soak-run.mjs';
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

/** A line of a chart: its legend, colour and value in a sample, and other uPlot series options. */
interface ChartLine {
  label: string;
  stroke: string;
  value: (p: SoakSample) => number | null | undefined;
  options?: { width?: number; dash?: number[]; scale?: string };
}

const line = (
  label: string,
  stroke: string,
  value: ChartLine['value'],
  options?: ChartLine['options'],
): ChartLine => ({ label, stroke, value, options });

/** A chart against minutes: its `<div>`, title, y axes and scales as uPlot takes them, lines. */
interface Chart {
  id: string;
  title: string;
  axes: object[];
  scales?: object;
  lines: ChartLine[];
}

const ON_CORES = { scale: 'cores' };

/** The soak's charts, each line declared with the legend it is drawn under. */
const CHARTS: Chart[] = [
  {
    id: 'memory',
    title: 'Memory (MB)',
    axes: [{ label: 'MB' }],
    lines: [
      line('app RSS', '#1f77b4', (p) => p.app.rssMb),
      line('app heap used', '#17becf', (p) => p.app.heapMb),
      line('livekit-server RSS', '#d62728', (p) => p.livekit.rssMb),
      line('Go clients RSS', '#2ca02c', (p) => p.generator.goRssMb, { width: 1 }),
    ],
  },
  {
    id: 'handles',
    title: 'App: open fds, active handles; PostgreSQL connections',
    axes: [{}],
    lines: [
      line('open fds', '#1f77b4', (p) => p.app.fds),
      line('active handles', '#ff7f0e', (p) => p.app.activeHandles),
      line('DB connections', '#2ca02c', (p) => p.dbConnections),
    ],
  },
  {
    id: 'people',
    title: 'Participants: LiveKit vs database',
    axes: [{}],
    lines: [
      line('LiveKit ACTIVE', '#d62728', (p) => p.participants.livekit),
      line('database', '#1f77b4', (p) => p.participants.database, { dash: [6, 4] }),
      line('clients connected', '#7f7f7f', (p) => p.clients.connected),
      line('LiveKit, any state', '#ff9896', (p) => p.participants.livekitAll, { width: 1 }),
    ],
  },
  {
    id: 'load',
    title: 'Event-loop delay p99 (ms) and CPU (cores)',
    axes: [{ label: 'ms' }, { scale: 'cores', side: 1, label: 'cores', grid: { show: false } }],
    scales: { cores: { range: [0, 2] } },
    lines: [
      line('app event-loop p99 ms', '#9467bd', (p) => p.app.eventLoopP99Ms),
      line('app CPU', '#1f77b4', (p) => p.app.cpu, ON_CORES),
      line('livekit-server CPU', '#d62728', (p) => p.livekit.cpu, ON_CORES),
      line('generator CPU', '#2ca02c', (p) => p.generator.cpu, ON_CORES),
    ],
  },
];

function chartPage(report: SoakReport): string {
  const s = report.samples;
  const x = s.map((p) => p.t / 60);
  const charts = CHARTS.map(({ lines, ...chart }) => ({
    ...chart,
    series: lines.map(({ label, stroke, options }) => ({ label, stroke, width: 2, ...options })),
    data: [x, ...lines.map(({ value }) => s.map((p) => value(p) ?? null))],
  }));
  return uplotPage(
    CHARTS.map(({ id }) => `<div id="${id}"></div>`).join(''),
    `
const minutes = { label: 'minutes' };
for (const chart of ${JSON.stringify(charts)}) {
  new uPlot({ width: 620, height: 320, legend: { live: false }, title: chart.title,
    scales: { x: { time: false }, ...chart.scales }, axes: [minutes, ...chart.axes],
    series: [minutes, ...chart.series] }, chart.data, document.getElementById(chart.id));
}
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
