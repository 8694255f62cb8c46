import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findAll } from '../../db/find-all.js';
import { findOne } from '../../db/find-one.js';
import { lobbyEntries } from '../../db/schema.js';

export type LobbyRow = typeof lobbyEntries.$inferSelect;

/**
 * A waiting row counts while its wait stream touched it within this window (the stream touches
 * it every `LOBBY_TOUCH_MS`): a stream that vanished with its instance leaves no ghost behind.
 */
export const LOBBY_FRESH_MS = 45_000;
export const LOBBY_TOUCH_MS = 15_000;

const freshSince = () => new Date(Date.now() - LOBBY_FRESH_MS);
const entry = (sessionId: string, identity: string) =>
  and(eq(lobbyEntries.sessionId, sessionId), eq(lobbyEntries.identity, identity));
const waitingNow = (sessionId: string) =>
  and(
    eq(lobbyEntries.sessionId, sessionId),
    eq(lobbyEntries.status, 'waiting'),
    gt(lobbyEntries.seenAt, freshSince()),
  );

/** The waiting room's rows (see `db/schema/lobby.ts`); PGlite and PostgreSQL alike. */
export function lobbyRepository(db: Db) {
  return {
    find: (sessionId: string, identity: string): Promise<LobbyRow | undefined> =>
      findOne(db, lobbyEntries, entry(sessionId, identity)),
    /** Puts the identity in the waiting room (a new knock: any earlier decision is forgotten). */
    async knock(row: {
      sessionId: string;
      identity: string;
      userId: string;
      displayName: string;
    }): Promise<LobbyRow> {
      const now = new Date();
      const knock = {
        userId: row.userId,
        displayName: row.displayName,
        status: 'waiting' as const,
        knockedAt: now,
        seenAt: now,
        decidedAt: null,
        decidedBy: null,
      };
      const [stored] = await db
        .insert(lobbyEntries)
        .values({ sessionId: row.sessionId, identity: row.identity, ...knock })
        .onConflictDoUpdate({ target: [lobbyEntries.sessionId, lobbyEntries.identity], set: knock })
        .returning();
      return stored!;
    },
    /** Keeps a waiting row fresh; false when it is no longer waiting (decided or withdrawn). */
    async touch(sessionId: string, identity: string): Promise<boolean> {
      const rows = await db
        .update(lobbyEntries)
        .set({ seenAt: new Date() })
        .where(and(entry(sessionId, identity), eq(lobbyEntries.status, 'waiting')))
        .returning({ identity: lobbyEntries.identity });
      return rows.length > 0;
    },
    /** Withdraws a knock that is still waiting (its wait stream closed); true if it was. */
    async withdraw(sessionId: string, identity: string): Promise<boolean> {
      const rows = await db
        .delete(lobbyEntries)
        .where(and(entry(sessionId, identity), eq(lobbyEntries.status, 'waiting')))
        .returning({ identity: lobbyEntries.identity });
      return rows.length > 0;
    },
    /** Who waits now, first knock first. */
    listWaiting: (sessionId: string): Promise<LobbyRow[]> =>
      findAll(db, lobbyEntries, waitingNow(sessionId), asc(lobbyEntries.knockedAt)),
    /**
     * Decides on the waiting knock of `userId` (or on every one waiting now, when undefined);
     * the rows decided. A knock decided already, or withdrawn, is not decided again.
     */
    async decide(options: {
      sessionId: string;
      userId?: string;
      status: 'admitted' | 'denied';
      by: string;
    }): Promise<LobbyRow[]> {
      const who = options.userId === undefined ? [] : [eq(lobbyEntries.userId, options.userId)];
      return db
        .update(lobbyEntries)
        .set({ status: options.status, decidedAt: new Date(), decidedBy: options.by })
        .where(and(waitingNow(options.sessionId), ...who))
        .returning();
    },
  };
}
export type LobbyRepository = ReturnType<typeof lobbyRepository>;
