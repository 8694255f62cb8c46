import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authTokens } from '../src/db/schema.js';
import { hashToken } from '../src/modules/auth/auth-tokens.js';
import { cast } from './support/api.js';
import type { Cast, Reply } from './support/api.js';
import { ADMIN_DATABASE_URL, createTestDatabase } from './support/database.js';
import type { TestDatabase } from './support/database.js';
import { publishSyntheticVideo } from './support/media.js';
import type { Publisher } from './support/media.js';
import { waitFor } from './support/processes.js';
import { rejoiningClient } from './support/rejoining-client.js';
import type { RejoiningClient } from './support/rejoining-client.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';
import { startTcpProxy } from './support/tcp-proxy.js';
import type { TcpProxy } from './support/tcp-proxy.js';

const REDIS_URL = process.env.REDIS_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An answer and how long it took. */
interface Probe {
  name: string;
  status: number;
  ms: number;
  body: unknown;
}

// The machine's PostgreSQL and Redis are shared by other tests: never stopped, but reached
// through proxies that the tests cut.
describe.runIf(ADMIN_DATABASE_URL && REDIS_URL)(
  'a live class when PostgreSQL or Redis goes away',
  () => {
    let db: TestDatabase;
    let pg: TcpProxy;
    let redis: TcpProxy;
    let stack: Stack;
    let c: Cast;
    let sessionId: string;
    let host: Publisher;
    let viewer: RejoiningClient;
    let viewerToken: string;

    beforeAll(async () => {
      db = await createTestDatabase('postgres');
      pg = await startTcpProxy({
        host: '127.0.0.1',
        port: Number(new URL(ADMIN_DATABASE_URL!).port || 5432),
      });
      redis = await startTcpProxy({
        host: '127.0.0.1',
        port: Number(new URL(REDIS_URL!).port || 6379),
      });
      stack = await startStack({
        shareDb: { ...db, databaseUrl: pg.proxied(db.databaseUrl!) },
        // The reconcile loop runs during the outage too: it must not take the app down.
        reconcile: true,
        env: { REDIS_URL: redis.proxied(REDIS_URL!), RECONCILE_INTERVAL: '2s' },
      });
      c = await cast(stack);
      const created = await c.api.createSession(c.mentor.token, { start_now: true });
      sessionId = created.session_id;
      host = await publishSyntheticVideo(stack.livekitUrl, created.host_token);
      const account = await c.api.register();
      viewerToken = account.token;
      viewer = await rejoiningClient({
        subscribe: true,
        join: async () => (await c.api.join(viewerToken, sessionId)).body,
      });
      await viewer.waitForFrames(0, 10, 15_000);
    });

    afterAll(async () => {
      await viewer?.stop();
      await host?.stop();
      await pg?.restore().catch(() => undefined);
      await redis?.restore().catch(() => undefined);
      await stack?.stop();
      await pg?.close();
      await redis?.close();
      await db?.drop();
    });

    /** What a class does with the API: read, join again, chat, sign up; and the readiness check. */
    function probes(): Record<string, () => Promise<Reply<unknown>>> {
      const inSession = `/api/v1/live/sessions/${sessionId}`;
      return {
        me: () => c.api.call('GET', '/api/v1/auth/me', { token: viewerToken }),
        sessions: () => c.api.call('GET', '/api/v1/live/sessions'),
        session: () => c.api.call('GET', inSession, { token: viewerToken }),
        join: () => c.api.join(viewerToken, sessionId),
        chat: () =>
          c.api.call('POST', `${inSession}/chat`, {
            token: viewerToken,
            body: { text: 'still there?' },
          }),
        register: () =>
          c.api.call('POST', '/api/v1/auth/register', {
            body: {
              email: `late${Math.random()}@example.com`.replace('0.', ''),
              username: `late${Date.now()}`,
              password: 'a long password',
            },
          }),
        readyz: () => c.api.call('GET', '/readyz'),
      };
    }

    async function probeAll(): Promise<Probe[]> {
      return Promise.all(
        Object.entries(probes()).map(async ([name, run]) => {
          const started = Date.now();
          const res = await run();
          return { name, status: res.status, ms: Date.now() - started, body: res.body };
        }),
      );
    }

    it('PostgreSQL stopped for 10 s: clear 503s (never a 500 or a hang), media flows on, back without a restart', async () => {
      const seen: Probe[] = [];
      const framesBefore = viewer.frames;
      await pg.cut();
      const cutAt = Date.now();
      while (Date.now() - cutAt < 10_000) {
        seen.push(...(await probeAll()));
        await sleep(500);
      }
      const framesDuring = viewer.frames - framesBefore;
      await pg.restore();
      const restoredAt = Date.now();
      await waitFor(
        async () => (await probeAll()).every((p) => p.status < 300),
        10_000,
        'every probe to succeed again',
        100,
      );
      const backMs = Date.now() - restoredAt;
      console.info(
        `PostgreSQL cut 10 s: ${seen.length} answers, ${seen.filter((p) => p.status === 503).length} × 503, ` +
          `slowest ${Math.max(...seen.map((p) => p.ms))} ms; all answering again ${backMs} ms after it returned`,
      );

      // Every answer was a success (served from this instance's caches) or a clear 503.
      for (const probe of seen) {
        if (probe.status < 300) continue;
        expect(probe, probe.name).toMatchObject({ status: 503 });
        if (probe.name === 'readyz') {
          expect(probe.body).toMatchObject({
            checks: { database: { ok: false, error: 'not reachable' } },
          });
        } else {
          expect(probe.body).toMatchObject({
            error: { code: 'DEPENDENCY_UNAVAILABLE', reason: 'database_unavailable' },
          });
        }
      }
      // No hang: each answer came at once.
      expect(Math.max(...seen.map((p) => p.ms))).toBeLessThan(2_000);
      // Writes cannot be served without the database: they were refused, not lost in a 500.
      for (const name of ['chat', 'register', 'readyz']) {
        expect(
          seen.filter((p) => p.name === name).every((p) => p.status === 503),
          name,
        ).toBe(true);
      }
      expect(framesDuring).toBeGreaterThan(50);
      expect(viewer.drops).toBe(0);
      expect(backMs).toBeLessThan(5_000);
      expect(stack.logs()).not.toContain('unhandled error');
    });

    it('Redis stopped: served from this instance’s view at full speed; drops from other instances arrive again once it returns', async () => {
      await redis.cut();
      const seen: Probe[] = [];
      // Long enough for ioredis' reconnect backoff to grow past what a request may wait.
      for (let round = 0; round < 8; round += 1) {
        seen.push(...(await probeAll()));
        await sleep(500);
      }
      expect(seen.filter((p) => p.status >= 300)).toEqual([]);
      // At full speed: a request that waited on Redis would take its command timeout (1 s) or
      // more, so each kind of request answering sooner in most rounds shows none did; the
      // slowest, on a loaded machine, may take longer for reasons of its own, but none hangs.
      const medians = Object.fromEntries(
        Object.keys(probes()).map((name) => {
          const ms = seen.filter((p) => p.name === name).map((p) => p.ms);
          return [name, ms.sort((x, y) => x - y)[Math.floor(ms.length / 2)]!];
        }),
      );
      const slowest = Math.max(...seen.map((p) => p.ms));
      console.info(
        `Redis cut: median ms by request ${JSON.stringify(medians)}, slowest ${slowest} ms`,
      );
      for (const [name, median] of Object.entries(medians)) expect(median, name).toBeLessThan(500);
      expect(slowest).toBeLessThan(5_000);
      expect(stack.logs()).toContain('redis unavailable');

      await redis.restore();
      const restoredAt = Date.now();
      // Another instance revokes a token: the row changes and the drop is published. This
      // instance, which has the token cached, refuses it only if it subscribed again.
      const other = await c.api.register();
      expect((await c.api.call('GET', '/api/v1/auth/me', { token: other.token })).status).toBe(200);
      await stack.database.db
        .update(authTokens)
        .set({ revokedAt: new Date() })
        .where(eq(authTokens.tokenHash, hashToken(other.token)));
      const direct = new Redis(REDIS_URL!);
      try {
        await waitFor(
          async () => {
            await direct.publish('stagecast:auth:revoked', `t:${hashToken(other.token)}`);
            return (
              (await c.api.call('GET', '/api/v1/auth/me', { token: other.token })).status === 401
            );
          },
          10_000,
          'the revocation published on Redis to reach the app',
          200,
        );
        const resubscribedMs = Date.now() - restoredAt;
        // And rate limits count in Redis again.
        await c.api.join(viewerToken, sessionId);
        expect(await direct.keys(`stagecast:rl:*${viewerToken}`)).not.toHaveLength(0);
        console.info(
          `Redis back: drops from other instances applied again after ${resubscribedMs} ms`,
        );
      } finally {
        direct.disconnect();
      }
      await waitFor(
        () => stack.logs().includes('redis connection restored'),
        5_000,
        'the log line',
      );
    });
  },
);
