// Helpers the benchmarks share (join.mjs, recorder.mjs, first-frame.ts; types in support.d.mts);
// the many-viewer benches' live class is in live-class.mjs.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';
import { appLaunch, appReady } from '../scripts/app-launch.mjs';
import { buildServer } from '../scripts/build-server.mjs';
import { findLivekitServer } from '../scripts/livekit-server.mjs';

export { freePortBlock } from '../scripts/free-ports.mjs';

// Node's built-ins that no `node:` module exports (the lint config declares no globals here).
const { fetch } = globalThis;

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
 * Registers a child process's stop with `cleanups`: SIGTERM, then SIGKILL after `killAfterMs`
 * if it has not exited. `exited` resolves with its exit code; `gone()` says whether it has.
 */
export function stopAtCleanup(child, cleanups, killAfterMs) {
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
  return { exited, gone: () => gone };
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
      await step().catch((err) => console.error('cleanup failed:', err));
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
  const { gone } = stopAtCleanup(child, cleanups, killAfterMs);
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (gone()) throw new Error(`${name} exited before it was ready:\n${output.slice(-3000)}`);
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

/** The server bundle's build, started by the first app a bench starts. */
let serverBuilt;

/**
 * Starts the real app the way `npm start` runs it (the server bundle, its embedded LiveKit) on free
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
  // The bundle the app runs, built once per bench from the code here.
  serverBuilt ??= buildServer();
  await serverBuilt;
  const launch = await appLaunch({
    dataDir,
    livekitBin,
    databaseUrl,
    nodeEnv: 'production',
    logLevel: 'warn',
    env,
    nodeArgs,
  });
  const { pid } = await startNode({
    name,
    args: launch.args,
    cwd: launch.cwd,
    env: launch.env,
    ready: () => appReady(launch.baseUrl),
    cleanups,
    timeoutMs,
    killAfterMs,
  });
  return { pid, baseUrl: launch.baseUrl, livekitUrl: launch.livekitUrl };
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

/**
 * The cast every bench starts from, through `api` (an `apiClient`): an admin (the first account),
 * a mentor it promotes, and the mentor's live session created with `session` (its title and
 * more); `register` adds more accounts the same way.
 */
export async function castWithLiveSession(api, session) {
  const register = (name) =>
    api('POST', '/api/v1/auth/register', undefined, {
      email: `${name}@bench.example`,
      username: name,
      password: 'correct horse battery',
    });
  const admin = await register('bench_admin');
  const mentor = await register('bench_mentor');
  await api('PATCH', `/api/v1/admin/users/${mentor.user.id}`, admin.token, { role: 'mentor' });
  const live = await api('POST', '/api/v1/live/sessions', mentor.token, {
    start_now: true,
    ...session,
  });
  return { register, admin, mentor, session: live };
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
 * bench/results/<benchmark>-<UTC date-time>.json, says where, and resolves with the path.
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
  return file;
}

/**
 * An address from 198.18.0.0/15 (RFC 2544's range for benchmarks): never a real client, only
 * a header here.
 */
export function addressOf(n) {
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * A request of JSON to the app as if from `address` (X-Forwarded-For, which the benches' app
 * trusts from loopback), as `token` when given: `{ok, status, json}` (a network error throws).
 */
export async function callFrom(baseUrl, method, path, address, token, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'x-forwarded-for': address,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, json };
}

/** `POST` of JSON to the app as if from `address` (see `callFrom`). */
export function postFrom(baseUrl, path, address, token, body) {
  return callFrom(baseUrl, 'POST', path, address, token, body);
}

/** The `p`th percentile (nearest rank) of `values`, or null when there are none. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `promise`, or a rejection after `ms` (`what: no answer within ms`). */
export function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs a bench's `main` and exits: 0 when it resolves, 1 with the error when it throws. */
export function runBench(main) {
  return main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
