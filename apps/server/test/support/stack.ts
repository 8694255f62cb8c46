import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { RoomServiceClient } from 'livekit-server-sdk';
import { pino } from 'pino';
import { buildApp } from '../../src/app.js';
import type { AppDependencies } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import type { Config } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import type { Database } from '../../src/db/client.js';
import { startLivekit } from '../../src/livekit/runtime.js';
import type { LivekitRuntime } from '../../src/livekit/runtime.js';
import { freePortBlock } from '../../../../scripts/free-ports.mjs';
import { livekitBinary } from './app-process.js';
import { createTestDatabase, preferredBackend } from './database.js';
import type { Backend, TestDatabase } from './database.js';

/**
 * The whole server in this test process: a real livekit-server child (through our own
 * supervisor), a real database of its own, and the Fastify app listening on a free port so
 * that LiveKit's webhooks reach it. Rate limits are raised 100× unless a test sets its own.
 */
export interface Stack {
  baseUrl: string;
  /** Where real clients connect. */
  livekitUrl: string;
  app: FastifyInstance;
  config: Config;
  database: Database;
  /** The app's LiveKit handle, plus LiveKit's own API for tests that look behind the app. */
  livekit: LivekitRuntime & { roomService: RoomServiceClient };
  testDb: TestDatabase;
  /** Everything the app logged (JSON lines), for "no secret in logs" checks. */
  logs(): string;
  /** Closes the app and the database, keeping LiveKit and the data (a restart of the app). */
  restartApp(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  backend?: Backend;
  /** Settings on top of the test ones (free ports, its own data folder, rate limits ×100). */
  env?: Record<string, string>;
  reconcile?: boolean;
  /** Run the stats sampler's timer (off: tests call `app.statsSampler.sampleNow()`). */
  sampleStats?: boolean;
  /** The webhooks-out worker's timing, or false for none (see `AppDependencies`). */
  webhookDelivery?: AppDependencies['webhookDelivery'];
  /** Another stack's database, which this one then leaves in place when it stops. */
  shareDb?: TestDatabase;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const testDb =
    options.shareDb ?? (await createTestDatabase(options.backend ?? preferredBackend()));
  const port = await freePortBlock(1);
  // Signal, RTC TCP, RTC UDP and LiveKit's Prometheus listener.
  const livekitPort = await freePortBlock(4);
  const config = parseConfig(
    {
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: testDb.dataDir,
      LIVEKIT_PORT: String(livekitPort),
      LIVEKIT_SERVER_BIN: livekitBinary(),
      RATE_LIMIT_MULTIPLIER: '100',
      ...(testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : {}),
      ...options.env,
    },
    testDb.dataDir,
  );
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      output += chunk.toString();
      done();
    },
  });
  const { loggerOptions } = await import('../../src/logger.js');
  const logger = pino({ ...loggerOptions('info') }, sink);

  let database = await openDatabase(config);
  await database.migrate();
  const livekit = await startLivekit(config, logger);
  const build = async () => {
    const app = await buildApp({
      config,
      logger,
      database,
      livekit,
      reconcile: options.reconcile ?? false,
      sampleStats: options.sampleStats ?? false,
      ...(options.webhookDelivery !== undefined && { webhookDelivery: options.webhookDelivery }),
    });
    await app.listen({ port, host: '127.0.0.1' });
    return app;
  };
  const stack: Stack = {
    baseUrl: `http://127.0.0.1:${port}`,
    livekitUrl: `ws://127.0.0.1:${livekitPort}`,
    app: await build(),
    config,
    database,
    livekit: {
      ...livekit,
      roomService: new RoomServiceClient(
        `http://127.0.0.1:${livekitPort}`,
        livekit.keys.apiKey,
        livekit.keys.apiSecret,
      ),
    },
    testDb,
    logs: () => output,
    restartApp: async () => {
      await stack.app.close();
      await database.close();
      database = await openDatabase(config);
      stack.database = database;
      stack.app = await build();
    },
    stop: async () => {
      await stack.app.close();
      await livekit.stop();
      await database.close();
      if (!options.shareDb) await testDb.drop();
    },
  };
  return stack;
}
