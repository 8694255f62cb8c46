import type { AppContext } from '../../context.js';
import { soleInstanceLock } from '../../db/leader-lock.js';
import type { LeaderLock } from '../../db/leader-lock.js';
import { LivekitUnavailableError } from '../../livekit/index.js';
import type { ConnectedParticipant } from '../../livekit/index.js';
import { attendanceRepository } from '../attendance/attendance-repository.js';
import { isStaleIngest } from '../ingest/stale-ingest.js';
import { participantRepository } from '../participants/participant-repository.js';
import { sessionRepository } from '../sessions/session-repository.js';

/** How many times `runNow` tries when LiveKit does not answer (it may be starting). */
const NOW_ATTEMPTS = 5;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PostgreSQL advisory lock key of the reconcile loop (the migration lock's plus one). */
export const RECONCILE_LOCK_ID = 0x5_7a6e_c458 % 2 ** 31;

/**
 * What a tick of the loop did: `ran` a pass, stood by (`standby`: another instance holds the
 * reconcile lock), or `failed` (LiveKit or the database did not answer).
 */
export type ReconcileOutcome = 'ran' | 'standby' | 'failed';

export interface ReconcilerOptions {
  /**
   * Taken before every pass, so that instances sharing a database do not reconcile twice: the
   * instance holding it runs every pass, the others stand by until it goes. None: always run.
   */
  lock?: LeaderLock;
  /** Told what each tick did (the `/metrics` counter). */
  onPass?: (outcome: ReconcileOutcome) => void;
}

/**
 * Heals the database from LiveKit's own state, for webhooks that never arrived: who is really
 * connected, rooms of live sessions that vanished (LiveKit restarted: recreated at once, so
 * clients can rejoin), rooms of ended sessions (closed). Live sessions are never ended here,
 * and a room must be missing in two passes in a row before its participants are marked gone,
 * so one empty listing during a LiveKit restart changes nothing lasting.
 *
 * Instances that share a database take the passes in turn through `options.lock`: one leads and
 * runs every pass, the others stand by (settling only their own recorders) and one of them takes
 * over at its next tick when the leader stops or dies.
 */
export function reconciler(ctx: AppContext, options: ReconcilerOptions = {}) {
  const lock = options.lock ?? soleInstanceLock;
  const repo = sessionRepository(ctx.database.db, ctx.accessCache);
  const participants = participantRepository(ctx.database.db, ctx.accessCache);
  // Attendance heals too: its ends keep the earliest time, so a late webhook still corrects them.
  const attendance = attendanceRepository(ctx.database.db);
  const rooms = ctx.livekit.rooms;
  const missing = new Map<string, number>();

  async function reconcileSession(sessionId: string, existing: Set<string>): Promise<void> {
    if (!existing.has(sessionId)) {
      const misses = (missing.get(sessionId) ?? 0) + 1;
      missing.set(sessionId, misses);
      const session = await repo.findById(sessionId);
      await rooms.create(sessionId, JSON.stringify({ title: session?.title ?? '' }));
      if (misses >= 2) {
        await participants.disconnectAll(sessionId);
        await attendance.closeOpen(sessionId, new Date());
      }
      return;
    }
    missing.delete(sessionId);
    let connected: ConnectedParticipant[] | undefined;
    try {
      connected = await rooms.participants(sessionId);
    } catch (err) {
      if (!(err instanceof LivekitUnavailableError)) throw err;
      // Listed but not answering: its LiveKit node died (multi-node). Another node takes it, and
      // the next pass reads who came back there.
      ctx.logger.warn({ err, session: sessionId }, 'room not answering: placing it again');
      await rooms.place(sessionId);
      return;
    }
    if (!connected) return;
    const present = new Map(connected.filter((p) => !p.hidden).map((p) => [p.identity, p.sid]));
    for (const row of await participants.participants(sessionId)) {
      const sid = present.get(row.identity);
      if (sid && !row.connected) {
        // A join or leave whose webhook was lost: its webhook out is sent now.
        await participants.setConnected(sessionId, row.identity, true, {
          livekitSid: sid,
          joinedAt: row.joinedAt ?? new Date(),
          leftAt: null,
        });
        await attendance.joined({ ...row, sid }, new Date());
      } else if (!sid && row.connected) {
        await participants.setConnected(sessionId, row.identity, false, {
          handRaised: false,
          leftAt: new Date(),
          livekitSid: null,
        });
        await attendance.closeOpen(sessionId, new Date(), row.identity);
      }
    }
    // Banned identities are not in `participants()`; any of them still connected goes now, and
    // so does an OBS stream whose key is no longer the active one (issue 15).
    for (const identity of present.keys()) {
      const row = await participants.findParticipant(sessionId, identity);
      const stale = row?.bannedAt || (await isStaleIngest(ctx.database.db, sessionId, identity));
      if (stale) await rooms.remove(sessionId, identity);
    }
  }

  /** One pass; returns false when LiveKit could not be asked (nothing is changed then). */
  async function runOnce(): Promise<boolean> {
    let existing: Set<string>;
    try {
      existing = await rooms.list();
    } catch (err) {
      ctx.logger.warn({ err }, 'reconcile skipped: LiveKit did not answer');
      return false;
    }
    const live = await repo.liveSessionIds();
    for (const sessionId of live) {
      try {
        await reconcileSession(sessionId, existing);
      } catch (err) {
        ctx.logger.warn({ err, session: sessionId }, 'reconcile of a session failed');
      }
    }
    const liveSet = new Set(live);
    for (const room of existing) {
      if (!UUID.test(room) || liveSet.has(room)) continue;
      const session = await repo.findById(room);
      if (!session || session.status === 'ended') await rooms.close(room).catch(() => undefined);
    }
    await reconcileHook('all');
    return true;
  }

  async function reconcileHook(scope: 'all' | 'own'): Promise<void> {
    await ctx.hooks?.reconcile?.(scope).catch((err: unknown) => {
      ctx.logger.warn({ err }, 'reconcile hook failed');
    });
  }

  /** Whether this instance held the lock at its last try (undefined: not asked yet, or failed). */
  let role: 'leader' | 'standby' | undefined;

  /** Whether this instance runs this pass; a standby still settles its own recorders. */
  async function takeTurn(): Promise<boolean | 'failed'> {
    let leading: boolean;
    try {
      leading = await lock.hold();
    } catch (err) {
      role = undefined;
      ctx.logger.warn({ err }, 'reconcile skipped: the database did not answer for its lock');
      return 'failed';
    }
    if (leading) {
      if (role !== 'leader') {
        // Misses counted while another instance led say nothing about the rooms now.
        missing.clear();
        ctx.logger.info('reconcile lock taken: this instance runs the reconcile passes');
      }
      role = 'leader';
      return true;
    }
    if (role !== 'standby') {
      ctx.logger.info('reconcile standing by: another instance holds the reconcile lock');
    }
    ctx.logger.debug('reconcile pass skipped: another instance holds the reconcile lock');
    role = 'standby';
    return false;
  }

  /** One tick: the lock, then a pass or standing by; false when LiveKit or the lock failed. */
  async function lockedPass(): Promise<boolean> {
    const turn = await takeTurn();
    if (turn !== true) {
      if (turn === false) await reconcileHook('own');
      options.onPass?.(turn === false ? 'standby' : 'failed');
      return turn === false;
    }
    const startedAt = Date.now();
    let reached = false;
    try {
      reached = await runOnce();
      return reached;
    } finally {
      options.onPass?.(reached ? 'ran' : 'failed');
      ctx.logger.debug({ startedAt, ms: Date.now() - startedAt, reached }, 'reconcile pass done');
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  /** Asked for while a pass was under way: one more pass follows it. */
  let again: string | undefined;

  function pass(): Promise<unknown> {
    running = lockedPass()
      .catch((err: unknown) => {
        ctx.logger.error({ err }, 'reconcile failed');
        return true;
      })
      .finally(() => {
        running = undefined;
        const reason = again;
        again = undefined;
        if (reason && !stopped) void runNow(reason);
      });
    return running;
  }

  /**
   * A pass now, not at the next tick; one under way is followed by another, since it may have
   * read LiveKit before the change that asked for this one. A pass that could not reach LiveKit
   * is tried again every second, a few times.
   */
  async function runNow(reason: string, attempt = 1): Promise<void> {
    if (stopped) return;
    if (running) {
      again = reason;
      return;
    }
    ctx.logger.info({ reason, attempt }, 'reconcile now');
    const reached = await pass();
    if (reached === false && attempt < NOW_ATTEMPTS && !stopped) {
      retryTimer = setTimeout(() => void runNow(reason, attempt + 1), 1_000);
      retryTimer.unref();
    }
  }

  return {
    runOnce,
    runNow,
    /** Runs now and then every `intervalSeconds`, never two passes at once. */
    start(intervalSeconds: number) {
      const tick = () => {
        if (!running) void pass();
      };
      tick();
      timer = setInterval(tick, intervalSeconds * 1000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (retryTimer) clearTimeout(retryTimer);
      await running;
      // Another instance takes the passes over at its next tick.
      await lock.release();
    },
  };
}
export type Reconciler = ReturnType<typeof reconciler>;
