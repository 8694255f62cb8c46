import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appLaunch, appReady } from '../../../../scripts/app-launch.mjs';
import { findLivekitServer } from '../../../../scripts/livekit-server.mjs';
import { spawnWatched, waitFor } from './processes.js';

export interface RunningApp {
  process: ChildProcess;
  pid: number;
  port: number;
  livekitPort: number;
  baseUrl: string;
  /** Where rtc-node clients connect. */
  livekitUrl: string;
  dataDir: string;
  /** Everything the app wrote to stdout and stderr so far. */
  output(): string;
  keys(): { apiKey: string; apiSecret: string };
  waitReady(timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

export function livekitBinary(): string {
  const found = findLivekitServer();
  if (!found) {
    throw new Error(
      'livekit-server is not installed: run the tests with `npm test`, which installs it',
    );
  }
  return found.path;
}

/**
 * Starts the real server (the bundle of `src/server.ts` that the global set-up builds) as its own
 * process on free ports, with the embedded LiveKit, the way `npm start` runs it. Its working
 * directory is `dataDir`, so no `.env` of the developer's leaks in.
 */
export async function startApp(options: {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Settings on top, or a function of the ports chosen (`LIVEKIT_PUBLIC_URL` names one). */
  env?:
    | Record<string, string>
    | ((ports: { port: number; livekitPort: number }) => Record<string, string>);
  /** Where the app listens; loopback unless its client lives on another network. */
  host?: string;
  /** Restart on the ports of an earlier run (clients and LiveKit's webhooks still use them). */
  ports?: { port: number; livekitPort: number };
}): Promise<RunningApp> {
  const launch = await appLaunch({
    dataDir: options.dataDir,
    livekitBin: livekitBinary(),
    databaseUrl: options.databaseUrl,
    nodeEnv: 'test',
    logLevel: 'debug',
    env: options.env,
    ports: options.ports,
    ...(options.host ? { host: options.host } : {}),
  });
  const { child, output, exited } = spawnWatched(process.execPath, launch.args, {
    cwd: launch.cwd,
    env: launch.env,
  });
  const { port, livekitPort, baseUrl, livekitUrl } = launch;
  const app: RunningApp = {
    process: child,
    pid: child.pid ?? 0,
    port,
    livekitPort,
    baseUrl,
    livekitUrl,
    dataDir: options.dataDir,
    output,
    keys: () =>
      JSON.parse(readFileSync(join(options.dataDir, 'livekit-keys.json'), 'utf8')) as {
        apiKey: string;
        apiSecret: string;
      },
    exited,
    waitReady: async (timeoutMs = 60_000) => {
      let finished = false;
      void exited.then(() => (finished = true));
      await waitFor(
        async () => {
          if (finished)
            throw new Error(`the app exited before it was ready:\n${output().slice(-3000)}`);
          return appReady(baseUrl);
        },
        timeoutMs,
        `${baseUrl}/readyz`,
        100,
      );
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  return app;
}
