// How the tests and the benches start the real app: as `npm start` runs it (node on the server
// bundle that scripts/build-server.mjs writes, the embedded LiveKit), on free ports, with its data
// folder as working directory so that no `.env` of the developer's leaks in. The caller builds the
// bundle first (the tests' global set-up, the benches' support). Plain Node.js, shared by
// apps/server/test/support/app-process.ts and bench/support.mjs (types in app-launch.d.mts);
// each spawns and watches the process its own way.
import { SERVER_BUNDLE } from './build-server.mjs';
import { freePortBlock } from './free-ports.mjs';

/**
 * What to spawn for one app: `process.execPath` with `args`, in `cwd`, with exactly `env` (PATH
 * and HOME of ours, the app's settings, then `env` of the caller on top: an object, or a function
 * of the ports chosen, for settings that name them), and where it will answer once ready. The
 * app listens on `host` (loopback unless a test's client lives on another network).
 */
export async function appLaunch({
  dataDir,
  livekitBin,
  databaseUrl,
  nodeEnv,
  logLevel,
  env = {},
  nodeArgs = [],
  ports,
  host = '127.0.0.1',
}) {
  // A restart takes the ports of the run it replaces: clients and webhooks still point there.
  const port = ports?.port ?? (await freePortBlock(1));
  // Signal, RTC TCP, RTC UDP and LiveKit's Prometheus listener.
  const livekitPort = ports?.livekitPort ?? (await freePortBlock(4));
  const settings = typeof env === 'function' ? env({ port, livekitPort }) : env;
  return {
    port,
    livekitPort,
    baseUrl: `http://${host}:${port}`,
    livekitUrl: `ws://127.0.0.1:${livekitPort}`,
    args: [...nodeArgs, '--enable-source-maps', SERVER_BUNDLE],
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: nodeEnv,
      PORT: String(port),
      HOST: host,
      LIVEKIT_PORT: String(livekitPort),
      DATA_DIR: dataDir,
      LIVEKIT_SERVER_BIN: livekitBin,
      LOG_LEVEL: logLevel,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...settings,
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
