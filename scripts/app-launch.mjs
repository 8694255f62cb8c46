// How the tests and the benches start the real app: as `npm start` runs it (node with tsx's
// loader on apps/server/src/server.ts, the embedded LiveKit), on free ports, with its data folder
// as working directory so that no `.env` of the developer's leaks in. Plain Node.js, shared by
// apps/server/test/support/app-process.ts and bench/support.mjs (types in app-launch.d.mts);
// each spawns and watches the process its own way.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePortBlock } from './free-ports.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_ENTRY = join(ROOT, 'apps/server/src/server.ts');

/** tsx's ESM loader by absolute URL, from the server's own dependencies (its cwd is elsewhere). */
function tsxLoader() {
  const requireFromServer = createRequire(join(ROOT, 'apps/server/package.json'));
  return pathToFileURL(
    join(dirname(requireFromServer.resolve('tsx/package.json')), 'dist/loader.mjs'),
  ).href;
}

/**
 * What to spawn for one app: `process.execPath` with `args`, in `cwd`, with exactly `env` (PATH
 * and HOME of ours, the app's settings, then `env` of the caller on top), and where it will
 * answer once ready.
 */
export async function appLaunch({
  dataDir,
  livekitBin,
  databaseUrl,
  nodeEnv,
  logLevel,
  env = {},
  nodeArgs = [],
}) {
  const port = await freePortBlock(1);
  // Signal, RTC TCP, RTC UDP and LiveKit's Prometheus listener.
  const livekitPort = await freePortBlock(4);
  return {
    port,
    livekitPort,
    baseUrl: `http://127.0.0.1:${port}`,
    livekitUrl: `ws://127.0.0.1:${livekitPort}`,
    args: [...nodeArgs, '--import', tsxLoader(), SERVER_ENTRY],
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: nodeEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      LIVEKIT_PORT: String(livekitPort),
      DATA_DIR: dataDir,
      LIVEKIT_SERVER_BIN: livekitBin,
      LOG_LEVEL: logLevel,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    },
  };
}

/** Whether the app at `baseUrl` answers `/readyz` with 200 within 2 s. */
export async function appReady(baseUrl) {
  try {
    const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}
