// Join benchmark: `POST /api/v1/live/sessions/:id/join` of the real app against a bare Fastify
// hello-world, on PGlite and on PostgreSQL, in one run. See bench/README.md.
//
//   node bench/join.mjs
//
// Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is the
// PostgreSQL server the bench creates its own database on (and drops); BENCH_BACKENDS
// (default "pglite,postgres"); BENCH_DURATION (seconds per measurement, default 10);
// BENCH_CONNECTIONS (default 10); BENCH_PROFILE_DIR (write the app's CPU profile there).
import { spawn } from 'node:child_process';
import console from 'node:console';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';
import { formatJson, freePortBlock, sleep } from './support.mjs';

// Node's built-ins that no `node:` module exports (the lint config declares no globals here).
const { fetch, AbortSignal } = globalThis;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireFromServer = createRequire(join(ROOT, 'apps/server/package.json'));

// ---------------------------------------------------------------------------------------------
// `node bench/join.mjs --hello <port>`: the baseline server, in a process of its own.

if (process.argv[2] === '--hello') {
  const { default: Fastify } = await import(
    pathToFileURL(requireFromServer.resolve('fastify')).href
  );
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port: Number(process.argv[3]), host: '127.0.0.1' });
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const { default: autocannon } = await import('autocannon');
  const { default: pg } = await import(pathToFileURL(requireFromServer.resolve('pg')).href);
  const { findLivekitServer } = await import(
    pathToFileURL(join(ROOT, 'scripts/livekit-server.mjs')).href
  );

  const settings = {
    connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
    durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
    warmupSeconds: 2,
    users: 50,
    adminDatabaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    backends: (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((b) => b.trim()),
  };
  const goals = { joinShareOfHello: 0.25, p99AtHalfLoadMs: 10 };

  const livekit = findLivekitServer();
  if (!livekit) {
    throw new Error(
      'livekit-server is not installed: run `npm run livekit:install` (or `npm test` once) first',
    );
  }
  const tsxLoader = pathToFileURL(
    join(dirname(requireFromServer.resolve('tsx/package.json')), 'dist/loader.mjs'),
  ).href;
  const serverEntry = join(ROOT, 'apps/server/src/server.ts');

  // Everything started here is stopped here, on success, on error and on Ctrl-C.
  const cleanups = [];
  const cleanupAll = async () => {
    while (cleanups.length) {
      const step = cleanups.pop();
      await step().catch((err) => console.error(`cleanup: ${err.message}`));
    }
  };
  let interrupted = false;
  const onSignal = (signal) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: stopping everything the bench started…`);
    void cleanupAll().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const log = (message) => console.log(`[bench] ${message}`);

  /** Starts a child process and registers its stop; resolves once `ready()` says so. */
  async function startProcess(name, args, options, ready, timeoutMs = 60_000) {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
    child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
    const exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(code ?? signal)),
    );
    let gone = false;
    void exited.then(() => (gone = true));
    cleanups.push(async () => {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
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
    return { child, output: () => output };
  }

  async function run(options) {
    const result = await autocannon({ connections: settings.connections, ...options });
    return {
      requestsPerSecond: Math.round(result.requests.mean),
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      total: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
  }

  /** Fails when a measurement is not what it claims to measure (errors instead of joins). */
  function checkClean(what, r) {
    const bad = r.non2xx + r.errors + r.timeouts;
    if (bad > Math.max(5, r.total * 0.01)) {
      throw new Error(
        `${what}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts of ${r.total} requests`,
      );
    }
  }

  try {
    const machine = {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    };
    log(
      `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, ${settings.connections} connections, ${settings.durationSeconds} s per measurement`,
    );

    // The baseline: a bare Fastify hello-world in a process of its own.
    const helloPort = await freePortBlock(1);
    const helloUrl = `http://127.0.0.1:${helloPort}/hello`;
    await startProcess(
      'hello-world',
      [fileURLToPath(import.meta.url), '--hello', String(helloPort)],
      { cwd: ROOT },
      async () => {
        const res = await fetch(helloUrl, { signal: AbortSignal.timeout(1_000) });
        return res.status === 200;
      },
    );
    log(`hello-world on ${helloUrl}`);

    const backends = [];
    for (const backend of settings.backends) {
      if (backend !== 'pglite' && backend !== 'postgres')
        throw new Error(`unknown backend "${backend}"`);
      log(`— ${backend} —`);
      const backendCleanups = cleanups.length;

      const dataDir = mkdtempSync(join(tmpdir(), `stagecast-bench-${backend}-`));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      let databaseUrl;
      if (backend === 'postgres') {
        const name = `stagecast_bench_${randomBytes(4).toString('hex')}`;
        const admin = async (sql) => {
          const client = new pg.Client({ connectionString: settings.adminDatabaseUrl });
          await client.connect();
          try {
            await client.query(sql);
          } finally {
            await client.end();
          }
        };
        await admin(`create database ${name}`);
        cleanups.push(() => admin(`drop database if exists ${name} with (force)`));
        const url = new URL(settings.adminDatabaseUrl);
        url.pathname = `/${name}`;
        databaseUrl = url.toString();
        log(`database ${name} created on ${url.host}`);
      }

      const port = await freePortBlock(1);
      const livekitPort = await freePortBlock(3);
      const baseUrl = `http://127.0.0.1:${port}`;
      const started = Date.now();
      await startProcess(
        `the app (${backend})`,
        [
          ...(process.env.BENCH_PROFILE_DIR
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
            : []),
          '--import',
          tsxLoader,
          serverEntry,
        ],
        {
          cwd: dataDir,
          env: {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? '',
            NODE_ENV: 'production',
            PORT: String(port),
            HOST: '127.0.0.1',
            LIVEKIT_PORT: String(livekitPort),
            DATA_DIR: dataDir,
            LIVEKIT_SERVER_BIN: livekit.path,
            RATE_LIMIT_MULTIPLIER: '1000000',
            LOG_LEVEL: 'warn',
            ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
          },
        },
        async () =>
          (await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200,
      );
      log(`app ready on ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

      // The cast: an admin (the first account), a mentor with a live session, 50 users.
      const api = async (method, path, token, body) => {
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
      const register = (name) =>
        api('POST', '/api/v1/auth/register', undefined, {
          email: `${name}@bench.example`,
          username: name,
          password: 'correct horse battery',
        });
      const admin = await register('bench_admin');
      const mentor = await register('bench_mentor');
      await api('PATCH', `/api/v1/admin/users/${mentor.user.id}`, admin.token, { role: 'mentor' });
      const session = await api('POST', '/api/v1/live/sessions', mentor.token, {
        title: 'Bench',
        start_now: true,
      });
      const tokens = [];
      for (let i = 0; i < settings.users; i += 1) {
        const user = await register(`bench_user_${i}`);
        tokens.push(user.token);
      }
      const joinPath = `/api/v1/live/sessions/${session.session_id}/join`;
      const first = await api('POST', joinPath, tokens[0], {});
      if (first.role !== 'viewer' || !first.access_token)
        throw new Error(`unexpected join answer: ${JSON.stringify(first)}`);
      log(`session ${session.session_id} live; ${tokens.length} users`);

      // Each request carries the next user's token, so joins rotate over the pool.
      let next = 0;
      const rotating = (request) => ({
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` },
      });
      const joinTarget = {
        url: baseUrl,
        requests: [
          {
            method: 'POST',
            path: joinPath,
            headers: { 'content-type': 'application/json' },
            body: '{}',
            setupRequest: rotating,
          },
        ],
      };
      // The baseline goes through the same client code path (setupRequest, a header per request).
      const helloTarget = { url: helloUrl, requests: [{ method: 'GET', setupRequest: rotating }] };

      const duration = settings.durationSeconds;
      await run({ ...helloTarget, duration: settings.warmupSeconds });
      const helloMax = await run({ ...helloTarget, duration });
      checkClean('hello-world at max load', helloMax);
      log(`hello-world: ${helloMax.requestsPerSecond} req/s`);

      await run({ ...joinTarget, duration: settings.warmupSeconds });
      const joinMax = await run({ ...joinTarget, duration });
      checkClean('join at max load', joinMax);
      log(`join: ${joinMax.requestsPerSecond} req/s`);

      const halfRate = Math.max(1, Math.floor(joinMax.requestsPerSecond / 2));
      const joinHalf = await run({ ...joinTarget, duration, overallRate: halfRate });
      checkClean('join at half load', joinHalf);
      log(`join at ${halfRate} req/s: p99 ${joinHalf.latencyMs.p99} ms`);
      const helloHalf = await run({ ...helloTarget, duration, overallRate: halfRate });
      checkClean('hello-world at half load', helloHalf);
      log(`hello-world at ${halfRate} req/s: p99 ${helloHalf.latencyMs.p99} ms`);

      const ratio = joinMax.requestsPerSecond / helloMax.requestsPerSecond;
      backends.push({
        backend,
        hello: { max: helloMax, atHalfJoinRate: helloHalf },
        join: { max: joinMax, halfRate, atHalfRate: joinHalf },
        joinShareOfHello: Number(ratio.toFixed(3)),
        goals: {
          joinShareOfHello: ratio >= goals.joinShareOfHello,
          p99AtHalfLoad: joinHalf.latencyMs.p99 <= goals.p99AtHalfLoadMs,
        },
      });

      // Stop this backend's app (and with it its LiveKit), drop its database, before the next one.
      while (cleanups.length > backendCleanups) await cleanups.pop()();
    }

    // The report.
    const rows = [
      [
        'backend',
        'hello req/s',
        'join req/s',
        'join/hello',
        'half rate',
        'join p50',
        'join p99',
        'hello p99',
        'goals',
      ],
      ...backends.map((b) => [
        b.backend,
        String(b.hello.max.requestsPerSecond),
        String(b.join.max.requestsPerSecond),
        `${(b.joinShareOfHello * 100).toFixed(1)} %`,
        `${b.join.halfRate}/s`,
        `${b.join.atHalfRate.latencyMs.p50} ms`,
        `${b.join.atHalfRate.latencyMs.p99} ms`,
        `${b.hello.atHalfJoinRate.latencyMs.p99} ms`,
        `${b.goals.joinShareOfHello ? 'share ok' : 'share LOW'}, ${b.goals.p99AtHalfLoad ? 'p99 ok' : 'p99 HIGH'}`,
      ]),
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    console.log('');
    for (const [i, row] of rows.entries()) {
      console.log(row.map((cell, j) => cell.padEnd(widths[j])).join('  '));
      if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    }
    console.log(
      `\ngoals: join ≥ ${goals.joinShareOfHello * 100} % of hello-world's req/s; ` +
        `join p99 ≤ ${goals.p99AtHalfLoadMs} ms at half of join's max rate`,
    );

    const now = new Date();
    const file = join(
      ROOT,
      'bench/results',
      `join-${now.toISOString().slice(0, 19).replaceAll(':', '-')}Z.json`,
    );
    mkdirSync(dirname(file), { recursive: true });
    const report = {
      benchmark: 'join',
      date: now.toISOString(),
      machine,
      settings: { ...settings, adminDatabaseUrl: undefined },
      goals,
      backends,
    };
    writeFileSync(file, await formatJson(file, report));
    console.log(`results: ${relative(process.cwd(), file)}`);
  } finally {
    await cleanupAll();
  }
}

// ---------------------------------------------------------------------------------------------
