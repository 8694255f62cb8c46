// Soak, short (issue 13; the full one is bench/soak.ts, 50 clients for 30 min): the same soak
// code (bench/soak-run.mjs) with 20 clients churning for 45 s through one live session of the
// real app (its own process, so that its RSS and fds are its own) and real livekit-server: join
// and LiveKit connect, chat, hands, role changes and kicks by the host, leave, rejoin. Then
// every client leaves, and the room must be empty in LiveKit and in the database.
import { afterAll, describe, expect, it } from 'vitest';
import { runSoak } from '../../../bench/soak-run.mjs';
import type { SoakReport } from '../../../bench/soak-run.mjs';
import { startApp } from './support/app-process.js';
import type { RunningApp } from './support/app-process.js';
import { createTestDatabase, preferredBackend } from './support/database.js';
import type { TestDatabase } from './support/database.js';
import { livekitPids } from './support/processes.js';

const CLIENTS = 20;
const SECONDS = 45;
/**
 * The rule for failed operations (any answer but the expected one, see soak-clients.mjs's
 * EXPECTED): none may be a 5xx, and at most 1 % of all may fail otherwise (a LiveKit connect
 * or a kicked client's disconnect slower than its limit while another test file shares the
 * two cores).
 */
const FAILED_SHARE = 0.01;
/**
 * Loose bounds for 45 s (the bench's slope rule needs its 30 min): from the first 10 s window
 * after a 15 s warm-up to the last, the app's RSS grows by at most 150 MB and its open file
 * descriptors by at most 50.
 */
const MAX_RSS_GROWTH_MB = 150;
const MAX_FD_GROWTH = 50;

let app: RunningApp | undefined;
let database: TestDatabase | undefined;

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe('soak, short', () => {
  it(
    `${CLIENTS} clients churning for ${SECONDS} s leave no participant behind and no leak`,
    { timeout: 150_000 },
    async () => {
      database = await createTestDatabase(preferredBackend());
      app = await startApp({
        dataDir: database.dataDir,
        databaseUrl: database.databaseUrl,
        // Every client from an address of its own; the rate limits as configured.
        env: { TRUST_PROXY: '127.0.0.1,::1', RATE_LIMIT_MULTIPLIER: '1' },
      });
      await app.waitReady();
      const livekitPid = livekitPids(app.dataDir)[0];
      expect(livekitPid).toBeDefined();

      const report: SoakReport = await runSoak({
        app: {
          ...app,
          livekitPid: livekitPid!,
          keys: app.keys(),
          databaseUrl: database.databaseUrl,
        },
        clients: CLIENTS,
        seconds: SECONDS,
        warmupSeconds: 15,
        windowSeconds: 10,
        settleSeconds: 15,
        quietMs: 2000,
        sampleSeconds: 2,
        thinkMs: [500, 3000],
        // @livekit/rtc-node, in this process: the test command needs no Go (the bench's 30
        // minutes use the Go clients, which rtc-node's ~400-visit limit calls for).
        livekitClients: 'rtc-node',
        log: (message) => console.log(`[soak] ${message}`),
      });
      const { ops, leaks, flatness } = report;
      const summary = JSON.stringify({
        ops: ops.byOp,
        errors: ops.firstErrors.slice(0, 5),
        leaks,
        flatness,
        eventLoopP99Ms: report.eventLoopP99Ms,
        cpu: report.meanCpuCores,
      });
      console.log(`[soak] ${summary}`);

      expect(leaks.livekit, summary).toBe(0);
      expect(leaks.database, summary).toBe(0);
      expect(ops.fiveHundreds, summary).toBe(0);
      expect(ops.failed, summary).toBeLessThanOrEqual(Math.floor(ops.total * FAILED_SHARE));
      // It did churn: many visits, and every kind of call.
      expect(report.visits).toBeGreaterThanOrEqual(CLIENTS * 2);
      for (const op of ['join', 'connect', 'chat', 'hand', 'role'])
        expect(ops.byOp[op]?.count ?? 0, op).toBeGreaterThan(CLIENTS);
      expect(flatness.appRssMb!.growth!, summary).toBeLessThanOrEqual(MAX_RSS_GROWTH_MB);
      expect(flatness.appFds!.growth!, summary).toBeLessThanOrEqual(MAX_FD_GROWTH);
    },
  );
});
