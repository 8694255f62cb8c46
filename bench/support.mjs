// Helpers the benchmarks share (join.mjs, recorder.mjs, first-frame.ts; types in support.d.mts).
import { spawn } from 'node:child_process';
import console from 'node:console';
import { createSocket } from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';
import { findLivekitServer } from '../scripts/livekit-server.mjs';

// Node's built-ins that no `node:` module exports (the lint config declares no globals here).
const { fetch, AbortSignal } = globalThis;

/** The repository's root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The benches use the server's own dependencies (fastify, pg, tsx, rtc-node), not copies. */
const requireFromServer = createRequire(join(ROOT, 'apps/server/package.json'));

/**
 * Imports one of the server's dependencies: the entry `require` finds, or `entry` beside it
 * (an ESM build next to a CommonJS main).
 */
export function importFromServer(name, entry) {
  const resolved = requireFromServer.resolve(name);
  return import(pathToFileURL(entry ? join(dirname(resolved), entry) : resolved).href);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** JSON as the repository's Prettier writes it, so `npm run lint` stays clean. */
export async function formatJson(file, value) {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  try {
    const { default: prettier } = await import('prettier');
    const options = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...options, filepath: file });
  } catch {
    return text;
  }
}

function tcpFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

function udpFree(port) {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** Ports this process handed out already. */
const handedOut = new Set();

/**
 * `count` consecutive ports free for TCP and UDP (LiveKit takes signal, RTC TCP and RTC UDP),
 * below Linux's ephemeral range. The same rule as apps/server/test/support/ports.ts.
 */
export async function freePortBlock(count) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const start = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = Array.from({ length: count }, (_, i) => start + i);
    if (ports.some((p) => handedOut.has(p))) continue;
    const free = await Promise.all(
      ports.map(async (p) => (await tcpFree(p)) && (await udpFree(p))),
    );
    if (free.every(Boolean)) {
      ports.forEach((p) => handedOut.add(p));
      return start;
    }
  }
  throw new Error(`no block of ${count} free ports found`);
}

/** The machine a bench ran on, for its report. */
export function machineInfo() {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * The stops of everything a bench starts, run last-first on success, on error and on Ctrl-C
 * (a second Ctrl-C exits at once), so that no app, LiveKit or database outlives the bench.
 */
export function cleanupOnExit() {
  const steps = [];
  const runAll = async () => {
    while (steps.length) {
      const step = steps.pop();
      await step().catch((err) => console.error(`cleanup: ${err.message}`));
    }
  };
  let interrupted = false;
  const onSignal = (signal) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: stopping everything the bench started…`);
    void runAll().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    add: (step) => void steps.push(step),
    /** How many steps there are now, for `unwindTo`. */
    mark: () => steps.length,
    /** Runs the steps added since `mark` (one measurement's), failing on the first error. */
    unwindTo: async (mark) => {
      while (steps.length > mark) await steps.pop()();
    },
    runAll,
  };
}

/**
 * Starts `node <args>` and adds its stop to `cleanups` at once (so a child that never gets
 * ready is stopped too); resolves once `ready()` says so.
 */
export async function startNode({
  name,
  args,
  cwd,
  env,
  ready,
  cleanups,
  timeoutMs = 60_000,
  killAfterMs = 15_000,
}) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let gone = false;
  void exited.then(() => (gone = true));
  cleanups.add(async () => {
    if (gone) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    await exited;
    clearTimeout(timer);
  });
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (gone) throw new Error(`${name} exited before it was ready:\n${output.slice(-3000)}`);
    if (Date.now() > deadline)
      throw new Error(
        `${name} was not ready within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`,
      );
    await sleep(100);
  }
  return { pid: child.pid, output: () => output };
}

/** The livekit-server binary the app is to start, or an error that says how to install it. */
export function livekitServerPath() {
  const livekit = findLivekitServer();
  if (!livekit) {
    throw new Error(
      'livekit-server is not installed: run `npm run livekit:install` (or `npm test` once) first',
    );
  }
  return livekit.path;
}

/**
 * Starts the real app the way `npm start` runs it (tsx, with its embedded LiveKit) on free
 * ports, in production mode and with `dataDir` as its working directory, so that no `.env` of
 * the developer's leaks in. `env` adds to or overrides its settings.
 */
export async function startServer({
  name = 'the app',
  livekitBin,
  dataDir,
  databaseUrl,
  env = {},
  nodeArgs = [],
  cleanups,
  timeoutMs,
  killAfterMs,
}) {
  const port = await freePortBlock(1);
  const livekitPort = await freePortBlock(3);
  const baseUrl = `http://127.0.0.1:${port}`;
  const tsxLoader = pathToFileURL(
    join(dirname(requireFromServer.resolve('tsx/package.json')), 'dist/loader.mjs'),
  ).href;
  const { pid } = await startNode({
    name,
    args: [...nodeArgs, '--import', tsxLoader, join(ROOT, 'apps/server/src/server.ts')],
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LIVEKIT_PORT: String(livekitPort),
      DATA_DIR: dataDir,
      LIVEKIT_SERVER_BIN: livekitBin,
      LOG_LEVEL: 'warn',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    },
    ready: async () =>
      (await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200,
    cleanups,
    timeoutMs,
    killAfterMs,
  });
  return { pid, baseUrl, livekitUrl: `ws://127.0.0.1:${livekitPort}` };
}

/**
 * Creates the database `name` on the PostgreSQL server of `adminDatabaseUrl`, adds its drop to
 * `cleanups`, and resolves with its URL.
 */
export async function createDatabase(adminDatabaseUrl, name, cleanups) {
  const { default: pg } = await importFromServer('pg');
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: adminDatabaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  cleanups.add(() => admin(`drop database if exists ${name} with (force)`));
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** `api(method, path, token?, body?)` against the app at `baseUrl`: its JSON answer, or throws. */
export function apiClient(baseUrl) {
  return async (method, path, token, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** Prints `rows` (the first one the header) as columns padded to their widest cell. */
export function printTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('');
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, j) => cell.padEnd(widths[j])).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/**
 * Writes `report`, headed by the benchmark's name and the date, to
 * bench/results/<benchmark>-<UTC date-time>.json, and says where.
 */
export async function writeResults(benchmark, report) {
  const date = new Date();
  const file = join(
    ROOT,
    'bench/results',
    `${benchmark}-${date.toISOString().slice(0, 19).replaceAll(':', '-')}Z.json`,
  );
  mkdirSync(dirname(file), { recursive: true });
  const full = { benchmark, date: date.toISOString(), ...report };
  writeFileSync(file, await formatJson(file, full));
  console.log(`results: ${relative(process.cwd(), file)}`);
}
