// Join storm (issue 13): N distinct viewers join one live session within a window (500 in
// 10 s by default), each through the API (a guest account from an address of its own, then
// `POST …/join`) and then to LiveKit as a real WebRTC client (the Go viewers of
// bench/viewers/). Reports the API's answers (status counts, join p50/p99), LiveKit connects
// (successes, failures, attempts, connect time p50/p99), and how long after the last viewer
// connected the database's participant count equals LiveKit's.
//
//   node --import tsx bench/join-storm.ts
//
// Writes bench/results/join-storm-<time>.json. Settings: see bench/README.md.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runStorm, sampleCounts } from './join-storm-run.js';
import type { CountSample, StormViewer } from './join-storm-run.js';
import { buildLoadgen, startLoadgen } from './viewers-loadgen.js';
import { runLiveClassBench } from './live-class.mjs';
import {
  importFromServer,
  machineInfo,
  percentile as nearestRank,
  sleep,
  writeResults,
} from './support.mjs';

const env = process.env;
const settings = {
  viewers: Number(env.BENCH_VIEWERS ?? 500),
  windowSeconds: Number(env.BENCH_WINDOW ?? 10),
  connectTimeoutSeconds: Number(env.BENCH_CONNECT_TIMEOUT ?? 15),
  attempts: Number(env.BENCH_ATTEMPTS ?? 1),
  database: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  profileDir: env.BENCH_PROFILE_DIR,
  /** The goal: the database's count equals LiveKit's within this after the last connect. */
  agreeWithinMs: 2000,
};

/** utime + stime of a process, in seconds (`/proc/<pid>/stat`, clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const log = (message: string) => console.log(`[join-storm] ${message}`);

function percentile(values: number[], p: number): number | null {
  const value = nearestRank(values, p);
  return value === null ? null : Math.round(value);
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** LiveKit's webhook counters (livekit_webhook_*) from its Prometheus listener. */
async function webhookMetrics(url: string): Promise<string[]> {
  const text = await fetch(url)
    .then((r) => r.text())
    .catch(() => '');
  return text.split('\n').filter((l) => l.startsWith('livekit_webhook_'));
}

/**
 * From the samples: when the database's count last became (and stayed) LiveKit's, after the last
 * viewer connected or failed.
 */
function agreement(samples: CountSample[], settledAt: number) {
  let since: number | null = null;
  for (const s of samples) {
    const agrees = s.database === s.livekit && s.livekit > 0 && s.at >= settledAt;
    if (!agrees) since = null;
    else since ??= s.at;
  }
  return { agreedAt: since, afterSettledMs: since === null ? null : since - settledAt };
}

await runLiveClassBench(
  {
    prefix: 'storm',
    title: 'Join storm',
    database: settings.database,
    nodeArgs: settings.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${settings.profileDir}`] : [],
    log,
    prepare: () => buildLoadgen(log),
  },
  async ({ app, api, mentor, sessionId, cleanups, loadBefore, prepared: bin }) => {
    const keys = JSON.parse(readFileSync(join(app.dataDir, 'livekit-keys.json'), 'utf8')) as {
      apiKey: string;
      apiSecret: string;
    };
    const sdk = (await importFromServer('livekit-server-sdk')) as {
      RoomServiceClient: new (
        url: string,
        key: string,
        secret: string,
      ) => { listParticipants(room: string): Promise<{ state: number }[]> };
    };
    const roomService = new sdk.RoomServiceClient(
      app.livekitUrl.replace(/^ws/, 'http'),
      keys.apiKey,
      keys.apiSecret,
    );
    const metricsUrl = `http://127.0.0.1:${Number(new URL(app.livekitUrl).port) + 3}/metrics`;

    const viewers = startLoadgen(
      bin,
      [
        'view',
        '-url',
        app.livekitUrl,
        // Every viewer is a browser of its own: no cap on connects in progress.
        '-parallel',
        String(settings.viewers),
        '-connect-timeout',
        `${settings.connectTimeoutSeconds}s`,
        '-attempts',
        String(settings.attempts),
      ],
      cleanups,
      { GOGC: '400' },
    );
    await sleep(1000);
    const webhooksBefore = await webhookMetrics(metricsUrl);
    const uptimeBefore = loadavg();

    log(`storm: ${settings.viewers} viewers in ${settings.windowSeconds} s…`);
    const appCpuBefore = cpuSeconds(app.pid);
    const started = performance.now();
    const counts = sampleCounts({
      // Connected as LiveKit counts it: ACTIVE (2), media up; only these get `participant_joined`.
      livekit: async () =>
        (await roomService.listParticipants(sessionId)).filter((p) => p.state === 2).length,
      database: async () =>
        (await api('GET', `/api/v1/live/sessions/${sessionId}`, mentor.token))
          .participant_count as number,
      started,
      everyMs: 200,
    });
    const list: StormViewer[] = await runStorm({
      baseUrl: app.baseUrl,
      sessionId,
      viewers,
      count: settings.viewers,
      windowMs: settings.windowSeconds * 1000,
      timeoutMs: settings.connectTimeoutSeconds * settings.attempts * 1000 + 10_000,
      started,
    });
    const connected = list.filter((v) => v.connectedAt !== undefined);
    const lastConnectedAt = Math.max(0, ...connected.map((v) => v.connectedAt!));
    const settledAt = Math.max(lastConnectedAt, ...list.map((v) => v.failedAt ?? 0));
    // Sample on until the counts agree (and 3 s more, to see that they stay so), or 60 s.
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline) {
      const agreed = agreement(counts.samples, settledAt);
      if (agreed.agreedAt !== null && performance.now() - started > agreed.agreedAt + 3000) break;
      await sleep(200);
    }
    await counts.stop();
    const appCpu = {
      seconds: cpuSeconds(app.pid) - appCpuBefore,
      wallSeconds: (performance.now() - started) / 1000,
    };
    // LiveKit's webhook queue for the room: how long after the last connect it was empty (its
    // count of webhooks sent unchanged for 3 s), up to 60 s more.
    const sent = async () =>
      (await webhookMetrics(metricsUrl))
        .filter((l) => l.startsWith('livekit_webhook_dispatch_total'))
        .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    let webhooksSent = await sent();
    let lastChange = performance.now();
    while (performance.now() - lastChange < 3000 && performance.now() < deadline + 60_000) {
      await sleep(500);
      const now = await sent();
      if (now !== webhooksSent) lastChange = performance.now();
      webhooksSent = now;
    }
    const webhooksDrainedAfterSettledMs = Math.round(lastChange - started - settledAt);
    const uptimeAfter = loadavg();
    const webhooksAfter = await webhookMetrics(metricsUrl);
    const agreed = agreement(counts.samples, settledAt);

    const joins = list.filter((v) => v.joinMs !== undefined).map((v) => v.joinMs!);
    const connectMs = connected.map((v) => v.connectMs!);
    const statuses = [...list.map((v) => v.guestStatus), ...list.map((v) => v.joinStatus ?? -1)];
    const report = {
      machine: { ...machineInfo(), loadBefore, uptimeBefore, uptimeAfter },
      settings,
      api: {
        guest: countBy(list, (v) => String(v.guestStatus)),
        join: countBy(list, (v) => String(v.joinStatus ?? 'not sent')),
        fiveHundreds: statuses.filter((s) => s >= 500).length,
        joinMs: {
          p50: percentile(joins, 50),
          p99: percentile(joins, 99),
          max: percentile(joins, 100),
        },
      },
      livekit: {
        connected: connected.length,
        failed: list.length - connected.length,
        connectMs: {
          p50: percentile(connectMs, 50),
          p99: percentile(connectMs, 99),
          max: percentile(connectMs, 100),
        },
        attempts: countBy(connected, (v) => String(v.attempts)),
        lastConnectedAtMs: Math.round(lastConnectedAt),
        errors: countBy(
          list.filter((v) => v.error),
          (v) => v.error!.slice(0, 120),
        ),
      },
      counts: {
        connectedViewers: connected.length,
        settledAtMs: Math.round(settledAt),
        agreedAtMs: agreed.agreedAt,
        agreedAfterSettledMs: agreed.afterSettledMs,
        goalMs: settings.agreeWithinMs,
        final: counts.samples[counts.samples.length - 1],
        samples: counts.samples,
      },
      appCpu,
      webhookMetrics: { before: webhooksBefore, after: webhooksAfter },
      webhooksDrainedAfterSettledMs,
    };
    const ok =
      report.api.fiveHundreds === 0 &&
      connected.length === settings.viewers &&
      agreed.afterSettledMs !== null &&
      agreed.afterSettledMs <= settings.agreeWithinMs;
    log(`API guest ${JSON.stringify(report.api.guest)} join ${JSON.stringify(report.api.join)}`);
    log(`join ms p50/p99/max ${JSON.stringify(report.api.joinMs)}`);
    log(
      `LiveKit connected ${connected.length}/${settings.viewers}, connect ms ${JSON.stringify(report.livekit.connectMs)}, attempts ${JSON.stringify(report.livekit.attempts)}, last at ${report.livekit.lastConnectedAtMs} ms`,
    );
    if (Object.keys(report.livekit.errors).length)
      log(`errors: ${JSON.stringify(report.livekit.errors)}`);
    log(
      `DB == LiveKit (${counts.samples.at(-1)?.livekit}) from ${agreed.agreedAt} ms: ${agreed.afterSettledMs} ms after the last viewer settled at ${Math.round(settledAt)} ms (goal ≤ ${settings.agreeWithinMs})`,
    );
    log(
      `load ${uptimeBefore.map((l) => l.toFixed(2)).join(' ')} → ${uptimeAfter.map((l) => l.toFixed(2)).join(' ')}`,
    );
    log(`LiveKit's webhook queue empty ${webhooksDrainedAfterSettledMs} ms after the last connect`);
    log(ok ? 'PASS' : 'FAIL');
    await writeResults('join-storm', { ...report, pass: ok });
    viewers.send({ op: 'quit' });
    await viewers.next((e) => e.ev === 'quit', 60_000).catch(() => undefined);
  },
);
