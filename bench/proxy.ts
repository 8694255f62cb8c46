// What Caddy in front costs (issue 11): the viewer's first frame after Join and the join API's
// latency, direct against through the real Caddy (deploy/Caddyfile, its local CA), same run.
//
//   node --import tsx bench/proxy.ts
//
// Two app instances share one PostgreSQL database and one LiveKit (the first one's embedded
// server), so both serve the same live session with the same publisher: the **direct** one as
// `npm start` runs it (http, LiveKit's signal on its own port), the **proxied** one behind Caddy
// (https, `LIVEKIT_PUBLIC_URL=wss://localhost:<caddy>`, so the signal goes through Caddy too).
// Writes bench/results/proxy-<time>.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startApp } from '../apps/server/test/support/app-process.js';
import { requestThrough } from '../apps/server/test/support/caddy.js';
import { publishSyntheticVideo } from '../apps/server/test/support/media.js';
import { startProxiedApp } from '../apps/server/test/support/proxied-app.js';
import { launchBrowser } from '../tests/e2e/support/browser.js';
import { measureOurs, median } from './first-frame-probe.js';
import type { OursTiming } from './first-frame-probe.js';
import {
  apiClient,
  cleanupOnExit,
  createDatabase,
  machineInfo,
  printTable,
  writeResults,
} from './support.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const JOINS = Number(process.env.BENCH_JOINS ?? 200);
const WARMUP_JOINS = 20;
const GUESTS = 20;
const ADMIN_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_ENV = { LOG_LEVEL: 'warn', RATE_LIMIT_MULTIPLIER: '1000000' };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A direct join over a kept-alive connection, like a browser's; resolves with its ms. */
function timedDirectJoin(port: number, path: string, token: string, agent: HttpAgent) {
  return new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - started)
            : reject(new Error(`direct join answered ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

async function main() {
  const cleanups = cleanupOnExit();
  try {
    const databaseUrl = await createDatabase(
      ADMIN_DATABASE_URL,
      `stagecast_bench_${Math.random().toString(16).slice(2, 10)}`,
      cleanups,
    );
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'stagecast-bench-proxy-')));
    cleanups.add(async () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

    const direct = await startApp({ dataDir: dirs[0]!, databaseUrl, env: BENCH_ENV });
    cleanups.add(() => direct.stop());
    await direct.waitReady();
    const { apiKey, apiSecret } = direct.keys();
    const proxied = await startProxiedApp({
      dataDir: dirs[1]!,
      databaseUrl,
      env: {
        ...BENCH_ENV,
        LIVEKIT_URL: `http://127.0.0.1:${direct.livekitPort}`,
        LIVEKIT_API_KEY: apiKey,
        LIVEKIT_API_SECRET: apiSecret,
      },
      livekitUpstream: `127.0.0.1:${direct.livekitPort}`,
    });
    cleanups.add(() => proxied.stop());
    const { caddy } = proxied;

    const api = apiClient(direct.baseUrl);
    const mentor = (await api('POST', '/api/v1/auth/register', undefined, {
      email: 'bench@example.com',
      username: 'bench',
      password: 'a long password',
    })) as { token: string };
    const session = (await api('POST', '/api/v1/live/sessions', mentor.token, {
      title: 'Through Caddy',
      start_now: true,
    })) as { session_id: string; host_token: string };
    const publisher = await publishSyntheticVideo(direct.livekitUrl, session.host_token, 30);
    cleanups.add(() => publisher.stop());
    const browser = await launchBrowser(caddy.chromiumArgs);
    cleanups.add(() => browser.close());

    // First frame: alternating, and which goes first alternates too.
    const frames: Record<'direct' | 'proxied', OursTiming[]> = { direct: [], proxied: [] };
    for (let run = 0; run < RUNS; run += 1) {
      const order = run % 2 ? (['proxied', 'direct'] as const) : (['direct', 'proxied'] as const);
      for (const path of order) {
        const origin = path === 'direct' ? direct.baseUrl : caddy.origin;
        // The database is shared: a guest signed in on one instance is signed in on both.
        const guest = (await api('POST', '/api/v1/auth/guest', undefined, {
          display_name: `${path} ${run}`,
        })) as { token: string };
        frames[path].push(
          await measureOurs(browser, { origin, sessionId: session.session_id, token: guest.token }),
        );
      }
      process.stderr.write(
        `[bench] run ${run + 1}/${RUNS}: first frame direct ${Math.round(frames.direct.at(-1)!.firstFrame)} ms, through Caddy ${Math.round(frames.proxied.at(-1)!.firstFrame)} ms\n`,
      );
    }

    // Join API: the proxied instance directly and through Caddy, one kept-alive connection
    // each, alternating request by request, over a pool of guests.
    const tokens: string[] = [];
    for (let i = 0; i < GUESTS; i += 1) {
      const guest = (await api('POST', '/api/v1/auth/guest', undefined, {
        display_name: `Joiner ${i}`,
      })) as { token: string };
      tokens.push(guest.token);
    }
    const joinPath = `/api/v1/live/sessions/${session.session_id}/join`;
    const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 1 });
    cleanups.add(async () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    });
    const viaCaddy = async (token: string) => {
      const started = performance.now();
      const res = await requestThrough(caddy, {
        path: joinPath,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
        agent: httpsAgent,
      });
      if (res.status !== 200) throw new Error(`join through Caddy answered ${res.status}`);
      return performance.now() - started;
    };
    const joins: Record<'direct' | 'proxied', number[]> = { direct: [], proxied: [] };
    for (let i = 0; i < WARMUP_JOINS + JOINS; i += 1) {
      const token = tokens[i % tokens.length]!;
      const d = await timedDirectJoin(proxied.app.port, joinPath, token, httpAgent);
      const p = await viaCaddy(token);
      if (i >= WARMUP_JOINS) {
        joins.direct.push(d);
        joins.proxied.push(p);
      }
    }

    const ms = (v: number) => Math.round(v * 10) / 10;
    const firstFrame = (path: 'direct' | 'proxied') => ({
      medianMs: Math.round(median(frames[path].map((t) => t.firstFrame))),
      medianSignalMs: Math.round(median(frames[path].map((t) => t.signal))),
      medianJoinAnsweredMs: Math.round(median(frames[path].map((t) => t.joinAnswered))),
      allMs: frames[path].map((t) => Math.round(t.firstFrame)),
    });
    const joinApi = (path: 'direct' | 'proxied') => ({
      p50Ms: ms(percentile(joins[path], 50)),
      p90Ms: ms(percentile(joins[path], 90)),
      p99Ms: ms(percentile(joins[path], 99)),
    });
    const report = {
      runs: RUNS,
      joins: JOINS,
      machine: machineInfo(),
      caddy: spawnSync('caddy', ['version'], { encoding: 'utf8' }).stdout.trim(),
      firstFrame: { direct: firstFrame('direct'), proxied: firstFrame('proxied') },
      joinApi: { direct: joinApi('direct'), proxied: joinApi('proxied') },
      ratios: {
        firstFrame: Number(
          (
            median(frames.proxied.map((t) => t.firstFrame)) /
            median(frames.direct.map((t) => t.firstFrame))
          ).toFixed(3),
        ),
        joinP50: Number((percentile(joins.proxied, 50) / percentile(joins.direct, 50)).toFixed(3)),
      },
    };
    printTable([
      ['figure', 'direct', 'through Caddy', 'ratio', 'extra'],
      [
        `first frame after Join, median of ${RUNS}`,
        `${report.firstFrame.direct.medianMs} ms`,
        `${report.firstFrame.proxied.medianMs} ms`,
        String(report.ratios.firstFrame),
        `${report.firstFrame.proxied.medianMs - report.firstFrame.direct.medianMs} ms`,
      ],
      [
        '  of which: signal opened after',
        `${report.firstFrame.direct.medianSignalMs} ms`,
        `${report.firstFrame.proxied.medianSignalMs} ms`,
        '',
        '',
      ],
      [
        `join API p50 (${JOINS} joins)`,
        `${report.joinApi.direct.p50Ms} ms`,
        `${report.joinApi.proxied.p50Ms} ms`,
        String(report.ratios.joinP50),
        `${ms(report.joinApi.proxied.p50Ms - report.joinApi.direct.p50Ms)} ms`,
      ],
      [
        'join API p90',
        `${report.joinApi.direct.p90Ms} ms`,
        `${report.joinApi.proxied.p90Ms} ms`,
        '',
        `${ms(report.joinApi.proxied.p90Ms - report.joinApi.direct.p90Ms)} ms`,
      ],
    ]);
    await writeResults('proxy', report);
  } finally {
    await cleanups.runAll();
  }
}

await main();
process.exit(0);
