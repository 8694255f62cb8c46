import { and, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findAll } from '../../db/find-all.js';
import { findOne } from '../../db/find-one.js';
import { liveParticipants, liveSessions } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { dropAround } from '../sessions/access-cache.js';
import type { SessionAccessCache } from '../sessions/session-repository.js';
import { emitWebhookEvent } from '../webhooks-out/emit-event.js';
import { toWebhookParticipant } from './participant-dto.js';

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
  /**
   * Marks the identity connected or not, with `patch`, where `where` also holds. The write that
   * flips `connected` (a conditional update, so of two racing writers only one does) queues
   * `participant.joined` or `participant.left` in the same transaction: one event per real
   * join and leave, however often LiveKit, the reconcile loop and the API report it.
   * Undefined when there is no such row.
   */
  const setConnected = async (
    sessionId: string,
    identity: string,
    connected: boolean,
    patch: Partial<NewParticipant>,
    where?: SQL,
  ): Promise<{ row: ParticipantRow; changed: boolean } | undefined> => {
    const target = inSession(
      sessionId,
      eq(liveParticipants.identity, identity),
      ...(where ? [where] : []),
    );
    return write(sessionId, identity, () =>
      inTransaction(db, async (tx) => {
        const set = { ...patch, connected, updatedAt: new Date() };
        const [flipped] = await tx
          .update(liveParticipants)
          .set(set)
          .where(and(target, eq(liveParticipants.connected, !connected)))
          .returning();
        if (flipped) {
          const type = connected ? 'participant.joined' : 'participant.left';
          await emitWebhookEvent(tx, type, () => toWebhookParticipant(flipped));
          return { row: flipped, changed: true };
        }
        const [row] = await tx.update(liveParticipants).set(set).where(target).returning();
        return row && { row, changed: false };
      }),
    );
  };

  /** The session's row that also meets `match`, if there is one. */
  const findIn = (sessionId: string, match: SQL) =>
    findOne(db, liveParticipants, inSession(sessionId, match));
  return {
    async participants(sessionId: string): Promise<ParticipantRow[]> {
      const notBanned = inSession(sessionId, isNull(liveParticipants.bannedAt));
      return findAll(db, liveParticipants, notBanned, liveParticipants.createdAt);
    },
    /**
     * Identities of the session's hosts and co-hosts, banned ones left out: who hears of drafts
     * and of the waiting room over LiveKit data.
     */
    async moderatorIdentities(sessionId: string): Promise<string[]> {
      const rows = await db
        .select({ identity: liveParticipants.identity })
        .from(liveParticipants)
        .where(
          inSession(
            sessionId,
            inArray(liveParticipants.role, ['host', 'co_host']),
            isNull(liveParticipants.bannedAt),
          ),
        );
      return rows.map((r) => r.identity);
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
    setConnected,
    /** Marks the identity gone from the session, if it has a row there (one room per identity). */
    async markLeft(sessionId: string, identity: string): Promise<void> {
      await setConnected(sessionId, identity, false, { leftAt: new Date(), livekitSid: null });
    },
    /**
     * The sessions not ended yet where the identity holds a row, connected or not: a client may
     * be inside before LiveKit's webhook has said so.
     */
    async openSessionsOf(identity: string): Promise<string[]> {
      const rows = await db
        .select({ sessionId: liveParticipants.sessionId })
        .from(liveParticipants)
        .innerJoin(liveSessions, eq(liveSessions.sessionId, liveParticipants.sessionId))
        .where(and(eq(liveParticipants.identity, identity), ne(liveSessions.status, 'ended')));
      return rows.map((row) => row.sessionId);
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
    /** Marks everyone still connected gone (each a `participant.left`); returns their rows. */
    async disconnectAll(sessionId: string): Promise<ParticipantRow[]> {
      return write(sessionId, undefined, () =>
        inTransaction(db, async (tx) => {
          const rows = await tx
            .update(liveParticipants)
            .set({
              connected: false,
              handRaised: false,
              leftAt: new Date(),
              livekitSid: null,
              updatedAt: new Date(),
            })
            .where(inSession(sessionId, eq(liveParticipants.connected, true)))
            .returning();
          for (const row of rows) {
            await emitWebhookEvent(tx, 'participant.left', () => toWebhookParticipant(row));
          }
          return rows;
        }),
      );
    },
  };
}
export type ParticipantRepository = ReturnType<typeof participantRepository>;
