import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startApp } from '../../../apps/server/test/support/app-process.js';
import type { RunningApp } from '../../../apps/server/test/support/app-process.js';
import { createTestDatabase } from '../../../apps/server/test/support/database.js';
import type { TestDatabase } from '../../../apps/server/test/support/database.js';
import { claimRedisDatabase } from '../../../apps/server/test/support/redis-db.js';
import { launchBrowser, waitForDecodedFrames } from '../support/browser.js';
import { enterRoom, guestKnocks, videoOf } from '../support/room.js';
import { registerTeacher, teacherHosts } from '../support/teacher.js';

/**
 * Two app processes behind no proxy, on one PostgreSQL database and one Redis, sharing one
 * LiveKit (A's embedded server is B's external one), as instances behind a load balancer do: the
 * host's page is served by A, the guest's by B.
 */
describe.runIf(process.env.DATABASE_URL && process.env.REDIS_URL)(
  'the waiting room in Chromium across two app instances (issue 15)',
  () => {
    let db: TestDatabase;
    let a: RunningApp;
    let b: RunningApp;
    let bDir: string;
    let browser: Browser;
    let redisDb: Awaited<ReturnType<typeof claimRedisDatabase>> | undefined;

    beforeAll(async () => {
      db = await createTestDatabase('postgres');
      // A Redis database of this file's own: on the shared one, other files' sign-ups from the
      // same address count against the same rate limits (a 429 seen in a full run).
      redisDb = await claimRedisDatabase(process.env.REDIS_URL!);
      const redis = { REDIS_URL: redisDb.url, LOG_LEVEL: 'warn', RATE_LIMIT_MULTIPLIER: '50' };
      [a, browser] = await Promise.all([
        startApp({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, env: redis }),
        launchBrowser(),
      ]);
      await a.waitReady();
      bDir = mkdtempSync(join(tmpdir(), 'stagecast-lobby-b-'));
      const keys = a.keys();
      b = await startApp({
        dataDir: bDir,
        databaseUrl: db.databaseUrl,
        env: {
          ...redis,
          LIVEKIT_URL: a.livekitUrl,
          LIVEKIT_API_KEY: keys.apiKey,
          LIVEKIT_API_SECRET: keys.apiSecret,
        },
      });
      await b.waitReady();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await b?.stop();
      await a?.stop();
      await db?.drop();
      await redisDb?.release();
      if (bDir) rmSync(bDir, { recursive: true, force: true });
    });

    it('shows the host on A a knock taken by B, and lets the guest in through B to see the host', async () => {
      await registerTeacher(a.baseUrl);
      const { hostContext, host, teacher, sessionId } = await teacherHosts(
        { browser, baseUrl: a.baseUrl },
        { title: 'Two doors', waiting_room: true },
      );
      await enterRoom(host, a.baseUrl, sessionId);
      await waitForDecodedFrames(host, videoOf(`user:${teacher.id}`), 1);

      const guest = await guestKnocks({ browser, baseUrl: b.baseUrl }, sessionId, 'Bea');

      // The knock, taken by B, reaches A's page over the shared LiveKit (well before the 15 s
      // poll); the decision, taken by A, reaches B's stream through Redis.
      await host
        .locator(`[data-testid="lobby-entry"][data-user-id="${guest.id}"]`)
        .waitFor({ timeout: 8_000 });
      await host.getByTestId(`lobby-admit-${guest.id}`).click();
      await waitForDecodedFrames(guest.page, videoOf(`user:${teacher.id}`), 5);

      await guest.context.close();
      await hostContext.close();
    });
  },
);
