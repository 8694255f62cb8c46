import { and, count, eq, isNull, ne } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findOne } from '../../db/find-one.js';
import { liveParticipants } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { dropAround } from '../sessions/access-cache.js';
import type { SessionAccessCache } from '../sessions/session-repository.js';

export type ParticipantRow = typeof liveParticipants.$inferSelect;
export type NewParticipant = typeof liveParticipants.$inferInsert;

/** The rows of one session that also meet `more`. */
const inSession = (sessionId: string, ...more: SQL[]) =>
  and(eq(liveParticipants.sessionId, sessionId), ...more);

/**
 * The participants of live sessions (a row per identity and session, kept after they leave and
 * marked when banned); the same code runs on PGlite and PostgreSQL. Every write drops the cached
 * access views of the session and of the identity it concerns (see `sessions/access-cache.ts`).
 */
export function participantRepository(db: Db, cache?: SessionAccessCache) {
  const write = dropAround(cache);
  /** The session's row that also meets `match`, if there is one. */
  const findIn = (sessionId: string, match: SQL) =>
    findOne(db, liveParticipants, inSession(sessionId, match));
  return {
    async participants(sessionId: string): Promise<ParticipantRow[]> {
      return db
        .select()
        .from(liveParticipants)
        .where(inSession(sessionId, isNull(liveParticipants.bannedAt)))
        .orderBy(liveParticipants.createdAt);
    },
    async findParticipant(
      sessionId: string,
      identity: string,
    ): Promise<ParticipantRow | undefined> {
      return findIn(sessionId, eq(liveParticipants.identity, identity));
    },
    async findParticipantByUserId(
      sessionId: string,
      userId: string,
    ): Promise<ParticipantRow | undefined> {
      return findIn(sessionId, eq(liveParticipants.userId, userId));
    },
    /** Inserts the participant, or updates name and role when the identity is already there. */
    async upsertParticipant(participant: NewParticipant): Promise<ParticipantRow> {
      const [row] = await write(participant.sessionId, participant.identity, () =>
        db
          .insert(liveParticipants)
          .values(participant)
          .onConflictDoUpdate({
            target: [liveParticipants.sessionId, liveParticipants.identity],
            set: {
              displayName: participant.displayName,
              role: participant.role,
              updatedAt: new Date(),
            },
          })
          .returning(),
      );
      return row!;
    },
    /** Changes the participant's row; NOT_FOUND when there is none. */
    async updateParticipant(
      sessionId: string,
      identity: string,
      patch: Partial<NewParticipant>,
    ): Promise<ParticipantRow> {
      const [row] = await write(sessionId, identity, () =>
        db
          .update(liveParticipants)
          .set({ ...patch, updatedAt: new Date() })
          .where(inSession(sessionId, eq(liveParticipants.identity, identity)))
          .returning(),
      );
      if (!row) throw new AppError('NOT_FOUND', 'no such participant in this session');
      return row;
    },
    /** Marks the identity gone from the session, if it has a row there (one room per identity). */
    async markLeft(sessionId: string, identity: string): Promise<void> {
      await write(sessionId, identity, () =>
        db
          .update(liveParticipants)
          .set({ connected: false, leftAt: new Date(), livekitSid: null, updatedAt: new Date() })
          .where(inSession(sessionId, eq(liveParticipants.identity, identity))),
      );
    },
    /** Connected people other than `exceptIdentity`, for the capacity check. */
    async connectedCount(sessionId: string, exceptIdentity: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(liveParticipants)
        .where(
          inSession(
            sessionId,
            eq(liveParticipants.connected, true),
            isNull(liveParticipants.bannedAt),
            ne(liveParticipants.identity, exceptIdentity),
          ),
        );
      return row?.n ?? 0;
    },
    async disconnectAll(sessionId: string): Promise<void> {
      await write(sessionId, undefined, () =>
        db
          .update(liveParticipants)
          .set({
            connected: false,
            handRaised: false,
            leftAt: new Date(),
            livekitSid: null,
            updatedAt: new Date(),
          })
          .where(inSession(sessionId, eq(liveParticipants.connected, true))),
      );
    },
  };
}
export type ParticipantRepository = ReturnType<typeof participantRepository>;
