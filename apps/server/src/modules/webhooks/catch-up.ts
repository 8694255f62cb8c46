import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { liveParticipants } from '../../db/schema.js';
import { attendanceRepository } from '../attendance/attendance-repository.js';
import { participantRepository } from '../participants/participant-repository.js';
import { sessionRepository } from '../sessions/session-repository.js';

/** A `participant_joined` this much older than its connection means LiveKit's queue is behind. */
export const CATCH_UP_LAG_MS = 1000;
/** Rows written at once by a catch-up (the database pool has 10 connections). */
const WRITES_AT_ONCE = 4;
/**
 * Between two catch-ups of a room: each lists the whole room and its rows, which costs more
 * than the joins it saves when done after every late webhook of a storm.
 */
const SPACING_MS = 1000;

/**
 * Catches a room's joins up with LiveKit when its webhooks fall behind. LiveKit posts one room's
 * webhooks one at a time, each after the answer to the one before (protocol's
 * `ResourceURLNotifier`, keyed by room), so in a join storm they queue up behind the database's
 * work for each: hundreds of viewers in seconds arrive here seconds late. A catch-up lists the
 * room's participants in LiveKit and marks connected, a few at a time, everyone the database
 * still has as not connected; the queued webhooks then find them connected and change nothing.
 * It never marks anyone gone (a late `participant_left` or the reconcile pass does), never
 * touches banned rows (not in `participants()`), and runs for live sessions only. One catch-up
 * per room at a time; asked for while one runs, one more follows it a second later.
 */
export function joinCatchUp(ctx: AppContext) {
  const sessions = sessionRepository(ctx.database.db, ctx.accessCache);
  const participants = participantRepository(ctx.database.db, ctx.accessCache);
  const attendance = attendanceRepository(ctx.database.db);
  const running = new Map<string, { again: boolean; done: Promise<void> }>();

  async function catchUpOnce(sessionId: string): Promise<number> {
    const session = await sessions.findById(sessionId);
    if (session?.status !== 'live') return 0;
    const inRoom = await ctx.livekit.rooms.participants(sessionId);
    if (!inRoom) return 0;
    // Active ones only: a connection still setting up may never make it, and its end would come
    // as `participant_connection_aborted`, which leaves no row to correct.
    const present = new Map(
      inRoom.filter((p) => !p.hidden && p.active).map((p) => [p.identity, p]),
    );
    const behind = (await participants.participants(sessionId)).filter(
      (row) => !row.connected && present.has(row.identity),
    );
    let next = 0;
    const worker = async () => {
      while (next < behind.length) {
        const row = behind[next++]!;
        const p = present.get(row.identity)!;
        const joinedAt = p.joinedAt ?? new Date();
        // Only a row still not connected (a webhook applied meanwhile may have recorded a newer
        // connection's sid), and not over a leave applied since LiveKit was asked (its webhook
        // sets `left_at` to its own time).
        const stillBehind = and(
          eq(liveParticipants.connected, false),
          p.joinedAt
            ? or(isNull(liveParticipants.leftAt), lt(liveParticipants.leftAt, p.joinedAt))
            : undefined,
        );
        const done = await participants.setConnected(
          sessionId,
          row.identity,
          true,
          { livekitSid: p.sid, joinedAt, leftAt: null },
          stillBehind,
        );
        if (done?.changed) await attendance.joined({ ...row, sid: p.sid }, joinedAt);
      }
    };
    await Promise.all(Array.from({ length: WRITES_AT_ONCE }, worker));
    return behind.length;
  }

  function run(sessionId: string): Promise<void> {
    const done = (async () => {
      try {
        const marked = await catchUpOnce(sessionId);
        if (marked) ctx.logger.info({ session: sessionId, marked }, 'joins caught up with LiveKit');
      } catch (err) {
        ctx.logger.warn({ err, session: sessionId }, 'join catch-up failed');
      }
      if (!running.get(sessionId)?.again) {
        running.delete(sessionId);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, SPACING_MS).unref());
      running.delete(sessionId);
      await run(sessionId);
    })();
    running.set(sessionId, { again: false, done });
    return done;
  }

  return {
    /** Called for each `participant_joined` applied: starts a catch-up when it came late. */
    joinedLate(sessionId: string, connectionJoinedAt: Date | undefined, receivedAt: Date): void {
      if (!connectionJoinedAt) return;
      if (receivedAt.getTime() - connectionJoinedAt.getTime() < CATCH_UP_LAG_MS) return;
      const state = running.get(sessionId);
      if (state) state.again = true;
      else void run(sessionId);
    },
    /** Waits for the catch-ups under way (on close). */
    async idle(): Promise<void> {
      while (running.size) await Promise.all([...running.values()].map((s) => s.done));
    },
  };
}
export type JoinCatchUp = ReturnType<typeof joinCatchUp>;
