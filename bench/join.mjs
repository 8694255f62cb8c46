// Join benchmark: `POST /api/v1/live/sessions/:id/join` of the real app against a bare Fastify
// hello-world, on PGlite and on PostgreSQL, in one run. See bench/README.md.
//
//   node bench/join.mjs
//
// Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) is the
// PostgreSQL server the bench creates its own database on (and drops); BENCH_BACKENDS
// (default "pglite,postgres"); BENCH_DURATION (seconds per measurement, default 10);
// BENCH_CONNECTIONS (default 10); BENCH_PROFILE_DIR (write the app's CPU profile there).
import console from 'node:console';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import {
  apiClient,
  castWithLiveSession,
  cleanupOnExit,
  createDatabase,
  freePortBlock,
  importFromServer,
  livekitServerPath,
  machineInfo,
  printTable,
  ROOT,
  startNode,
  startServer,
  writeResults,
} from './support.mjs';

// Node's built-ins that no `node:` module exports (the lint config declares no globals here).
const { fetch, AbortSignal } = globalThis;

// ---------------------------------------------------------------------------------------------
// `node bench/join.mjs --hello <port>`: the baseline server, in a process of its own.

if (process.argv[2] === '--hello') {
  const { default: Fastify } = await importFromServer('fastify');
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

  const settings = {
    connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
    durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
    warmupSeconds: 2,
    users: 50,
    adminDatabaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    backends: (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((b) => b.trim()),
  };
  const goals = { joinShareOfHello: 0.25, p99AtHalfLoadMs: 10 };

  const livekitBin = livekitServerPath();
  // Everything started here is stopped here, on success, on error and on Ctrl-C.
  const cleanups = cleanupOnExit();

  const log = (message) => console.log(`[bench] ${message}`);

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
    const machine = machineInfo();
    log(
      `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, ${settings.connections} connections, ${settings.durationSeconds} s per measurement`,
    );

    // The baseline: a bare Fastify hello-world in a process of its own.
    const helloPort = await freePortBlock(1);
    const helloUrl = `http://127.0.0.1:${helloPort}/hello`;
    await startNode({
      name: 'hello-world',
      args: [fileURLToPath(import.meta.url), '--hello', String(helloPort)],
      cwd: ROOT,
      ready: async () => {
        const res = await fetch(helloUrl, { signal: AbortSignal.timeout(1_000) });
        return res.status === 200;
      },
      cleanups,
    });
    log(`hello-world on ${helloUrl}`);

    const backends = [];
    for (const backend of settings.backends) {
      if (backend !== 'pglite' && backend !== 'postgres')
        throw new Error(`unknown backend "${backend}"`);
      log(`— ${backend} —`);
      const backendCleanups = cleanups.mark();

      const dataDir = mkdtempSync(join(tmpdir(), `stagecast-bench-${backend}-`));
      cleanups.add(async () => rmSync(dataDir, { recursive: true, force: true }));
      let databaseUrl;
      if (backend === 'postgres') {
        const name = `stagecast_bench_${randomBytes(4).toString('hex')}`;
        databaseUrl = await createDatabase(settings.adminDatabaseUrl, name, cleanups);
        log(`database ${name} created on ${new URL(databaseUrl).host}`);
      }

      const started = Date.now();
      const { baseUrl } = await startServer({
        name: `the app (${backend})`,
        livekitBin,
        dataDir,
        databaseUrl,
        env: { RATE_LIMIT_MULTIPLIER: '1000000' },
        nodeArgs: process.env.BENCH_PROFILE_DIR
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
          : [],
        cleanups,
      });
      log(`app ready on ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

      // The cast: an admin (the first account), a mentor with a live session, 50 users.
      const api = apiClient(baseUrl);
      const { register, session } = await castWithLiveSession(api, { title: 'Bench' });
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
      await cleanups.unwindTo(backendCleanups);
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
    printTable(rows);
    console.log(
      `\ngoals: join ≥ ${goals.joinShareOfHello * 100} % of hello-world's req/s; ` +
        `join p99 ≤ ${goals.p99AtHalfLoadMs} ms at half of join's max rate`,
    );

    await writeResults('join', {
      machine,
      settings: { ...settings, adminDatabaseUrl: undefined },
      goals,
      backends,
    });
  } finally {
    await cleanups.runAll();
  }
}

// ---------------------------------------------------------------------------------------------
