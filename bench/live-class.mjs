// The live class the many-viewer benches (viewers, join storm, soak) start from: the app with
// its embedded LiveKit, trusting loopback's X-Forwarded-For, and a mentor's public live session
// (types in live-class.d.mts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apiClient,
  castWithLiveSession,
  cleanupOnExit,
  createDatabase,
  livekitServerPath,
  runBench,
  startServer,
} from './support.mjs';

/**
 * The app as a bench of many viewers runs it: the embedded livekit-server, a fresh data folder
 * named after `prefix`, PGlite or a fresh database on the PostgreSQL at `database`, and
 * `TRUST_PROXY` for loopback, so every viewer can come from an address of its own
 * (X-Forwarded-For) while the rate limits stay as configured; `env` adds settings (e.g.
 * `REDIS_URL`). All of it goes with `cleanups`.
 */
export async function startViewersApp({ prefix, database, cleanups, nodeArgs = [], env = {} }) {
  const dataDir = mkdtempSync(join(tmpdir(), `stagecast-bench-${prefix}-`));
  cleanups.add(async () => rmSync(dataDir, { recursive: true, force: true }));
  const databaseUrl =
    database === 'pglite'
      ? undefined
      : await createDatabase(
          database,
          `stagecast_bench_${randomBytes(4).toString('hex')}`,
          cleanups,
        );
  const app = await startServer({
    livekitBin: livekitServerPath(),
    dataDir,
    databaseUrl,
    env: { TRUST_PROXY: '127.0.0.1,::1', ...env },
    nodeArgs,
    cleanups,
  });
  return { ...app, dataDir, databaseUrl };
}
/**
 * A many-viewer bench's start: the app as `startViewersApp` runs it (`options`), an `api` client
 * for it, and the cast of `castWithLiveSession` with a public live session titled `title`.
 */
export async function startLiveClass({ title, ...options }) {
  const app = await startViewersApp(options);
  const api = apiClient(app.baseUrl);
  const cast = await castWithLiveSession(api, { title, is_public: true });
  return { app, api, ...cast };
}

/**
 * A many-viewer bench from start to exit (`runBench`): reads the machine's load, runs `prepare`
 * (builds that are not to overlap the app's start), starts the live class of `startLiveClass`
 * (`options`), says where the app and LiveKit listen, and runs `body` with all of it. What it
 * started stops at the end, on an error and on Ctrl-C.
 */
export function runLiveClassBench({ log, prepare, ...options }, body) {
  return runBench(async () => {
    const loadBefore = loadavg();
    const prepared = await prepare();
    const cleanups = cleanupOnExit();
    try {
      const live = await startLiveClass({ ...options, cleanups });
      log(`app on ${live.app.baseUrl}, LiveKit on ${live.app.livekitUrl}`);
      await body({ ...live, sessionId: live.session.session_id, cleanups, loadBefore, prepared });
    } finally {
      await cleanups.runAll();
    }
  });
}
