// The soak (issue 13), shared by bench/soak.ts (30 min, 50 clients) and its short run in the
// tests (apps/server/test/soak.int.test.ts): against a running app, a live session whose host
// stays connected, N churning clients (soak-clients.mjs) for `seconds`, gauges sampled all along
// (soak-sampler.mjs); then every client leaves, and after a settle period the room must be
// empty in LiveKit and in the database. Types in soak-run.d.mts.
import { EXPECTED, startSoakClients } from './soak-clients.mjs';
import { liveKitClients } from './soak-livekit.mjs';
import { flatness, startSampler } from './soak-sampler.mjs';
import { apiClient, castWithLiveSession, importFromServer, percentile, sleep } from './support.mjs';

/**
 * What "flat" means for each gauge (see `flatness`): growth from the first window after the
 * warm-up to the last window, and the slope per 10 minutes, each at most
 * max(floor, share × the first window's mean).
 */
export const FLAT_RULES = {
  appRssMb: { value: (s) => s.app.rssMb, floor: 30, share: 0.1 },
  appHeapMb: { value: (s) => s.app.heapMb, floor: 20, share: 0.1 },
  appFds: { value: (s) => s.app.fds, floor: 20, share: 0.1 },
  appActiveHandles: { value: (s) => s.app.activeHandles, floor: 20, share: 0.1 },
  // The pool (10) grows and shrinks with the load; a leak would pin it at its top.
  dbConnections: { value: (s) => s.dbConnections, floor: 3, share: 0 },
  livekitRssMb: { value: (s) => s.livekit.rssMb, floor: 30, share: 0.1 },
};

/** Per operation: how many, by status, how many failed (not the expected status), p50/p99. */
function summarizeOps(ops) {
  const byOp = {};
  let total = 0;
  let failed = 0;
  let fiveHundreds = 0;
  for (const [op, statuses] of Object.entries(ops.statuses)) {
    const count = Object.values(statuses).reduce((a, b) => a + b, 0);
    const bad = Object.entries(statuses)
      .filter(([status]) => !EXPECTED[op].includes(Number(status)))
      .reduce((a, [, n]) => a + n, 0);
    total += count;
    failed += bad;
    if (op !== 'connect' && op !== 'kicked') {
      fiveHundreds += Object.entries(statuses)
        .filter(([status]) => Number(status) >= 500)
        .reduce((a, [, n]) => a + n, 0);
    }
    byOp[op] = {
      count,
      failed: bad,
      statuses,
      p50Ms: percentile(ops.durations[op], 50),
      p99Ms: percentile(ops.durations[op], 99),
    };
  }
  return { total, failed, fiveHundreds, byOp, firstErrors: ops.errors };
}

/**
 * Runs the soak against `app` (its URLs, its pid and its livekit-server's, its LiveKit keys and,
 * on PostgreSQL, its database's URL); resolves with the report.
 */
export async function runSoak({
  app,
  clients,
  seconds,
  warmupSeconds,
  windowSeconds,
  settleSeconds,
  sampleSeconds,
  thinkMs,
  quietMs,
  livekitClients = 'go',
  log = () => undefined,
}) {
  const api = apiClient(app.baseUrl);
  const { mentor, session } = await castWithLiveSession(api, { title: 'Soak', is_public: true });
  const sessionId = session.session_id;
  const { RoomServiceClient } = await importFromServer('livekit-server-sdk');
  const roomService = new RoomServiceClient(
    app.livekitUrl.replace(/^ws/, 'http'),
    app.keys.apiKey,
    app.keys.apiSecret,
  );
  const counts = async () => {
    const [inRoom, read] = await Promise.all([
      roomService.listParticipants(sessionId),
      api('GET', `/api/v1/live/sessions/${sessionId}`, mentor.token),
    ]);
    // LiveKit lists a connection from its signal join; the database counts it from LiveKit's
    // `participant_joined`, sent when it is ACTIVE (2: media up). Compared: the ACTIVE ones.
    return {
      livekit: inRoom.filter((p) => p.state === 2).length,
      livekitAll: inRoom.length,
      database: read.participant_count,
    };
  };
  let pg;
  if (app.databaseUrl) {
    const { default: pgModule } = await importFromServer('pg');
    pg = new pgModule.Client({ connectionString: app.databaseUrl });
    await pg.connect();
  }
  const dbConnections = async () =>
    pg
      ? Number(
          (
            await pg.query(
              'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
            )
          ).rows[0].n,
        )
      : null;

  const livekit = await liveKitClients(livekitClients, { livekitUrl: app.livekitUrl, log });
  // The host stays connected all along, as the mentor of a class does.
  const hostJoin = await api('POST', `/api/v1/live/sessions/${sessionId}/join`, mentor.token, {});
  const hostLink = livekit.connect('host', hostJoin.access_token);
  await hostLink.connected.catch(async (err) => {
    await livekit.close();
    throw err;
  });

  let crowd;
  const sampler = startSampler({
    appPid: app.pid,
    livekitPid: app.livekitPid,
    generatorPid: livekit.pid,
    metricsUrl: `${app.baseUrl}/metrics`,
    counts,
    dbConnections,
    extra: () => ({
      clients: {
        connected: crowd?.connected() ?? 0,
        visits: crowd?.visits() ?? 0,
        ops: crowd ? summarizeOps(crowd.ops).total : 0,
      },
    }),
    everyMs: sampleSeconds * 1000,
  });
  const started = Date.now();
  try {
    log(`${clients} clients churning for ${seconds} s in session ${sessionId}…`);
    crowd = await startSoakClients({
      baseUrl: app.baseUrl,
      livekit,
      sessionId,
      host: mentor,
      count: clients,
      thinkMs,
    });
    const minute = Math.min(60, seconds);
    while (Date.now() - started < seconds * 1000) {
      await sleep(Math.min(minute * 1000, seconds * 1000 - (Date.now() - started)));
      const s = sampler.samples.at(-1);
      if (s)
        log(
          `${s.t} s: app ${s.app.rssMb} MB, ${s.app.fds} fds, loop p99 ${s.app.eventLoopP99Ms} ms, db conns ${s.dbConnections ?? 'n/a'}, LK ${s.livekit.rssMb} MB; participants LK ${s.participants.livekit} / DB ${s.participants.database}; ops ${s.clients.ops}`,
        );
    }
    const churnEnd = (Date.now() - started) / 1000;
    log('every client leaves…');
    await crowd.stop();
    await hostLink.leave();
    const left = Date.now();
    // The settle period: the whole of it, or (with `quietMs`) until LiveKit and the database
    // have both counted nobody for that long.
    const unknown = { livekit: -1, livekitAll: -1, database: -1 };
    let last = await counts().catch(() => unknown);
    let emptyAfterMs = null;
    while (Date.now() - left < settleSeconds * 1000) {
      if (last.livekitAll === 0 && last.database === 0) {
        emptyAfterMs ??= Date.now() - left;
        if (quietMs !== undefined && Date.now() - left - emptyAfterMs >= quietMs) break;
      } else emptyAfterMs = null;
      await sleep(500);
      last = await counts().catch(() => unknown);
    }
    await sampler.take();
    await sampler.stop();

    const samples = sampler.samples;
    const churn = samples.filter((s) => s.t >= warmupSeconds && s.t <= churnEnd);
    const verdicts = Object.fromEntries(
      Object.entries(FLAT_RULES).map(([name, rule]) => [
        name,
        flatness(churn, rule.value, { windowSeconds, floor: rule.floor, share: rule.share }),
      ]),
    );
    const loop = churn.map((s) => s.app.eventLoopP99Ms).filter((v) => v !== null);
    const cpuOf = (key) => {
      const v = churn.map((s) => s[key].cpu).filter((c) => c !== null);
      return v.length ? Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 1000) / 1000 : null;
    };
    const agreeing = churn.filter((s) => s.participants.livekit === s.participants.database);
    return {
      sessionId,
      churnSeconds: Math.round(churnEnd),
      ops: summarizeOps(crowd.ops),
      visits: crowd.visits(),
      livekitClients: { kind: livekit.kind, logCaptureOff: livekit.logCaptureOff },
      eventLoopP99Ms: {
        median: percentile(loop, 50),
        p99OfSamples: percentile(loop, 99),
        max: loop.length ? Math.max(...loop) : null,
      },
      meanCpuCores: { app: cpuOf('app'), livekit: cpuOf('livekit'), generator: cpuOf('generator') },
      participantsDuringChurn: {
        samples: churn.length,
        agreeing: agreeing.length,
        maxDifference: Math.max(
          0,
          ...churn.map((s) => Math.abs(s.participants.livekit - s.participants.database)),
        ),
      },
      leaks: {
        settleSeconds,
        livekit: last.livekitAll,
        livekitActive: last.livekit,
        database: last.database,
        emptyAfterMs,
        leaked: Math.max(last.livekitAll, last.database),
      },
      flatness: verdicts,
      start: churn[0] ?? null,
      endOfChurn: churn.at(-1) ?? null,
      afterSettle: samples.at(-1),
      samples,
    };
  } finally {
    await crowd?.stop();
    await hostLink.leave();
    await sampler.stop();
    await livekit.close();
    await pg?.end();
  }
}
