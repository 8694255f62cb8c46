import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findAll } from '../../db/find-all.js';
import { attendanceIntervals, liveParticipants } from '../../db/schema.js';

export type IntervalRow = typeof attendanceIntervals.$inferSelect;

/** Who a connection is, as the participant row says when its event arrives. */
export interface ConnectionOf {
  sessionId: string;
  /** LiveKit's sid of the connection. */
  sid: string;
  identity: string;
  userId: string;
  displayName: string;
  role: IntervalRow['role'];
}

// Both ends keep the earliest time any event gave them, so applying events twice, late or in
// any order comes to the same row. (PostgreSQL's least() skips a NULL.)
const earliestJoin = sql`least(${sql.identifier('attendance_intervals')}.joined_at, excluded.joined_at)`;
const earliestLeave = sql`least(${sql.identifier('attendance_intervals')}.left_at, excluded.left_at)`;

/** The attendance intervals: one row per connection, written from LiveKit's webhooks. */
export function attendanceRepository(db: Db) {
  const values = (c: ConnectionOf) => ({
    id: randomUUID(),
    sessionId: c.sessionId,
    livekitSid: c.sid,
    identity: c.identity,
    userId: c.userId,
    displayName: c.displayName,
    role: c.role,
  });
  const target = [attendanceIntervals.sessionId, attendanceIntervals.livekitSid];
  return {
    /** A connection began at `at`. */
    async joined(c: ConnectionOf, at: Date): Promise<void> {
      await db
        .insert(attendanceIntervals)
        .values({ ...values(c), joinedAt: at })
        .onConflictDoUpdate({ target, set: { joinedAt: earliestJoin } });
    },
    /**
     * A connection that began at `joinedAt` ended at `at`. Its join may not have arrived yet
     * (webhooks can come in any order): then the row is made here and the join only confirms
     * it. With `known`, only a connection already recorded is closed.
     */
    async left(c: ConnectionOf, joinedAt: Date, at: Date, known = false): Promise<void> {
      if (known) {
        await db
          .update(attendanceIntervals)
          .set({
            leftAt: sql`least(${attendanceIntervals.leftAt}, ${at.toISOString()}::timestamptz)`,
          })
          .where(
            and(
              eq(attendanceIntervals.sessionId, c.sessionId),
              eq(attendanceIntervals.livekitSid, c.sid),
            ),
          );
        return;
      }
      await db
        .insert(attendanceIntervals)
        .values({ ...values(c), joinedAt, leftAt: at })
        .onConflictDoUpdate({ target, set: { joinedAt: earliestJoin, leftAt: earliestLeave } });
    },
    /** Closes at `at` the connections still open: all of the session's, or one identity's. */
    async closeOpen(sessionId: string, at: Date, identity?: string): Promise<void> {
      await db
        .update(attendanceIntervals)
        .set({ leftAt: at })
        .where(
          and(
            eq(attendanceIntervals.sessionId, sessionId),
            isNull(attendanceIntervals.leftAt),
            identity === undefined ? undefined : eq(attendanceIntervals.identity, identity),
          ),
        );
    },
    /** Everyone's role in the session now, banned participants' too (they did attend). */
    async rolesNow(sessionId: string): Promise<Map<string, IntervalRow['role']>> {
      const rows = await db
        .select({ identity: liveParticipants.identity, role: liveParticipants.role })
        .from(liveParticipants)
        .where(eq(liveParticipants.sessionId, sessionId));
      return new Map(rows.map((r) => [r.identity, r.role]));
    },
    async listForSession(sessionId: string): Promise<IntervalRow[]> {
      const inSession = eq(attendanceIntervals.sessionId, sessionId);
      return findAll(db, attendanceIntervals, inSession, asc(attendanceIntervals.joinedAt));
    },
  };
}
export type AttendanceRepository = ReturnType<typeof attendanceRepository>;
