import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findLivekitServer } from '../../../../scripts/livekit-server.mjs';
import { freePortBlock } from './ports.js';
import { waitFor } from './processes.js';

const SERVER_ENTRY = join(dirname(fileURLToPath(import.meta.url)), '../../src/server.ts');
/** tsx's ESM loader by absolute URL: the app runs with a temporary folder as its cwd. */
const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs'),
).href;

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
 * Starts the real server (`src/server.ts`) as its own process on free ports, with the embedded
 * LiveKit, the way `npm start` runs it. Its working directory is `dataDir`, so no `.env` of the
 * developer's leaks in.
 */
export async function startApp(options: {
  dataDir: string;
  databaseUrl?: string | undefined;
  env?: Record<string, string>;
}): Promise<RunningApp> {
  const port = await freePortBlock(1);
  const livekitPort = await freePortBlock(3);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    LIVEKIT_PORT: String(livekitPort),
    DATA_DIR: options.dataDir,
    LIVEKIT_SERVER_BIN: livekitBinary(),
    LOG_LEVEL: 'debug',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', TSX_LOADER, SERVER_ENTRY], {
    cwd: options.dataDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const app: RunningApp = {
    process: child,
    pid: child.pid ?? 0,
    port,
    livekitPort,
    baseUrl,
    livekitUrl: `ws://127.0.0.1:${livekitPort}`,
    dataDir: options.dataDir,
    output: () => output,
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
            throw new Error(`the app exited before it was ready:\n${output.slice(-3000)}`);
          try {
            const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
            return res.status === 200;
          } catch {
            return false;
          }
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
