import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from './app-process.js';
import type { RunningApp } from './app-process.js';
import { startBalancer } from './balancer.js';
import type { Balancer } from './balancer.js';
import { createTestDatabase } from './database.js';
import { startExternalLivekit } from './external-livekit.js';
import type { ExternalLivekit } from './external-livekit.js';
import { claimRedisDatabase } from './redis-db.js';
import { startWebhookFanout } from './webhook-fanout.js';

export interface AppPair {
  a: RunningApp;
  b: RunningApp;
  livekit: ExternalLivekit;
  /** Caddy round-robin in front of both: the one address. */
  front: Balancer;
  /** LiveKit's webhooks so far, each posted to both instances. */
  webhooksDelivered(): number;
  stop(): Promise<void>;
}

/**
 * Two app instances as docs/deploy.md ("More than one box") runs them: one PostgreSQL database
 * and one Redis database (of this run's own, so that a rate-limit counter of an earlier run with
 * the same client address does not count), each on a disk of its own, one external LiveKit for
 * both whose every webhook is posted to both instances at once, and Caddy in front. `env` is
 * added to both instances' settings.
 */
export async function startAppPair(redisUrl: string, env: Record<string, string>) {
  const db = await createTestDatabase('postgres');
  const redis = await claimRedisDatabase(redisUrl);
  const dirB = mkdtempSync(join(tmpdir(), 'stagecast-test-b-'));
  const apps: RunningApp[] = [];
  const fanout = await startWebhookFanout(() =>
    apps.map((app) => `${app.baseUrl}/api/livekit/webhook`),
  );
  let livekit: ExternalLivekit | undefined;
  let front: Balancer | undefined;
  const stop = async () => {
    await front?.stop();
    await Promise.all(apps.map((app) => app.stop()));
    await livekit?.stop();
    await fanout.stop();
    await db.drop();
    await redis.release();
    rmSync(dirB, { recursive: true, force: true });
  };
  try {
    livekit = await startExternalLivekit(fanout.url);
    const settings = { ...livekit.env, REDIS_URL: redis.url, ...env };
    const start = (dataDir: string) =>
      startApp({ dataDir, databaseUrl: db.databaseUrl, env: settings });
    apps.push(...(await Promise.all([start(db.dataDir), start(dirB)])));
    await Promise.all(apps.map((app) => app.waitReady()));
    front = await startBalancer(
      apps.map((app) => `127.0.0.1:${app.port}`),
      '/healthz',
    );
  } catch (err) {
    await stop();
    throw err;
  }
  const pair: AppPair = {
    a: apps[0]!,
    b: apps[1]!,
    livekit,
    front,
    webhooksDelivered: () => fanout.delivered,
    stop,
  };
  return pair;
}
