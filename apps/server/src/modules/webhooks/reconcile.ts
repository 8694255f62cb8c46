import type { AppContext } from '../../context.js';
import { attendanceRepository } from '../attendance/attendance-repository.js';
import { participantRepository } from '../participants/participant-repository.js';
import { sessionRepository } from '../sessions/session-repository.js';

/** How many times `runNow` tries when LiveKit does not answer (it may be starting). */
const NOW_ATTEMPTS = 5;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Heals the database from LiveKit's own state, for webhooks that never arrived: who is really
 * connected, rooms of live sessions that vanished (LiveKit restarted: recreated at once, so
 * clients can rejoin), rooms of ended sessions (closed). Live sessions are never ended here,
 * and a room must be missing in two passes in a row before its participants are marked gone,
 * so one empty listing during a LiveKit restart changes nothing lasting.
 */
export function reconciler(ctx: AppContext) {
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
    const connected = await rooms.participants(sessionId);
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
    // Banned identities are not in `participants()`; any of them still connected goes now.
    for (const identity of present.keys()) {
      const row = await participants.findParticipant(sessionId, identity);
      if (row?.bannedAt) await rooms.remove(sessionId, identity);
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
    await ctx.hooks?.reconcile?.().catch((err: unknown) => {
      ctx.logger.warn({ err }, 'reconcile hook failed');
    });
    return true;
  }

  let timer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  /** Asked for while a pass was under way: one more pass follows it. */
  let again: string | undefined;

  function pass(): Promise<unknown> {
    running = runOnce()
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
    },
  };
}
export type Reconciler = ReturnType<typeof reconciler>;
