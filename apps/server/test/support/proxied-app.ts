import { freePortBlock } from '../../../../scripts/free-ports.mjs';
import { startApp } from './app-process.js';
import type { RunningApp } from './app-process.js';
import { startCaddy } from './caddy.js';
import type { RunningCaddy } from './caddy.js';
import { onOwnDatabase, preferredBackend } from './database.js';

export interface ProxiedApp {
  app: RunningApp;
  caddy: RunningCaddy;
  stop(): Promise<void>;
}

/**
 * The real app with its embedded LiveKit behind the real Caddy (deploy/Caddyfile) on loopback,
 * set up as the deploy guide says: `PUBLIC_URL=https://$DOMAIN`,
 * `LIVEKIT_PUBLIC_URL=wss://$DOMAIN` (browsers reach LiveKit's signal through Caddy, same
 * origin) and `TRUST_PROXY` naming Caddy's address. `livekitUpstream` points Caddy at another
 * LiveKit when the app uses an external one (`LIVEKIT_URL` in `env`).
 */
export async function startProxiedApp(options: {
  dataDir: string;
  databaseUrl?: string | undefined;
  env?: Record<string, string>;
  livekitUpstream?: string;
}): Promise<ProxiedApp> {
  // Caddy's port first: the app's public URLs name it.
  const port = await freePortBlock(1);
  const origin = `https://localhost:${port}`;
  const app = await startApp({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    env: {
      PUBLIC_URL: origin,
      LIVEKIT_PUBLIC_URL: origin.replace(/^https/, 'wss'),
      TRUST_PROXY: '127.0.0.1',
      ...options.env,
    },
  });
  try {
    await app.waitReady();
    const caddy = await startCaddy({
      port,
      appUpstream: `127.0.0.1:${app.port}`,
      livekitUpstream: options.livekitUpstream ?? `127.0.0.1:${app.livekitPort}`,
    });
    return {
      app,
      caddy,
      stop: async () => {
        await caddy.stop();
        await app.stop();
      },
    };
  } catch (err) {
    await app.stop();
    throw err;
  }
}

/**
 * `startProxiedApp` on a fresh database of its own (the run's PostgreSQL when it has one, else
 * PGlite), dropped when it stops.
 */
export async function startProxiedAppOnOwnDatabase(
  env: Record<string, string>,
): Promise<ProxiedApp> {
  const { started, stop } = await onOwnDatabase(preferredBackend(), (db) =>
    startProxiedApp({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, env }),
  );
  return { ...started, stop };
}
