import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServerConfig } from '../../src/livekit/server-config.js';
import { orphanSafeCommand } from '../../src/livekit/supervisor.js';
import { freePortBlock } from '../../../../scripts/free-ports.mjs';
import { livekitBinary } from './app-process.js';
import { spawnWatched, waitFor } from './processes.js';

/**
 * A livekit-server of its own, as an operator runs one beside the app (`LIVEKIT_URL`): the real
 * binary with the embedded server's configuration (same keys for the API and webhooks, rooms made
 * only by the API), posting webhooks to `webhookUrl`. It dies with the test process.
 */
export interface ExternalLivekit {
  url: string;
  /** LiveKit's Prometheus endpoint (`http://127.0.0.1:<port>/metrics`). */
  metricsUrl: string;
  apiKey: string;
  apiSecret: string;
  pid: number;
  /** The app's settings that point it here. */
  env: Record<string, string>;
  output(): string;
  /** `kill -9`, as a crashed machine stops: no goodbye to Redis, clients or webhooks. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** LiveKit's multi-node set-up: nodes with the same keys on one Redis. */
export interface LivekitClusterOptions {
  /** Another node's keys (every node of a cluster has the same). */
  keys?: { apiKey: string; apiSecret: string };
  /** LiveKit's `redis:` section: where the nodes find each other and the rooms. */
  redis?: { address: string; db: number };
  /** More of LiveKit's settings, on top (top-level sections replaced whole). */
  config?: Record<string, unknown>;
}

export function newLivekitKeys(): { apiKey: string; apiSecret: string } {
  return {
    apiKey: `API${randomBytes(6).toString('hex')}`,
    apiSecret: randomBytes(24).toString('hex'),
  };
}

export async function startExternalLivekit(
  webhookUrl: string,
  cluster: LivekitClusterOptions = {},
): Promise<ExternalLivekit> {
  const dir = mkdtempSync(join(tmpdir(), 'stagecast-livekit-'));
  const port = await freePortBlock(4);
  const keys = cluster.keys ?? newLivekitKeys();
  const configPath = join(dir, 'livekit.yaml');
  const config = buildServerConfig({
    keys,
    port,
    rtcTcpPort: port + 1,
    rtcUdpPort: port + 2,
    nodeIp: '127.0.0.1',
    bindAddresses: ['127.0.0.1'],
    webhookUrl,
    logLevel: 'info',
    prometheus: { port: port + 3 },
  });
  if (cluster.redis) config.redis = cluster.redis;
  Object.assign(config, cluster.config);
  writeFileSync(configPath, JSON.stringify(config), { mode: 0o600 });
  const [cmd, args] = orphanSafeCommand(livekitBinary(), ['--config', configPath]);
  const { child, output, exited } = spawnWatched(cmd, args);
  const url = `ws://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`livekit-server exited:\n${output().slice(-2000)}`);
      const res = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      return res?.ok;
    },
    20_000,
    'the external livekit-server',
    100,
  );
  return {
    url,
    metricsUrl: `http://127.0.0.1:${port + 3}/metrics`,
    ...keys,
    pid: child.pid ?? 0,
    env: { LIVEKIT_URL: url, LIVEKIT_API_KEY: keys.apiKey, LIVEKIT_API_SECRET: keys.apiSecret },
    output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        // LiveKit waits for participants on the first SIGTERM and closes at the second.
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGTERM'), 500).unref();
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
