import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findOne } from '../../db/find-one.js';
import { ingestKeys, liveSessions } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';

export type IngestKeyRow = typeof ingestKeys.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` can be a key id (a UUID): anything else is no key of ours. */
export const isKeyId = (value: string): boolean => UUID.test(value);

const activeOf = (sessionId: string) =>
  and(eq(ingestKeys.sessionId, sessionId), isNull(ingestKeys.revokedAt));

/** A session's OBS stream keys (see `db/schema/ingest.ts`); PGlite and PostgreSQL alike. */
export function ingestKeyRepository(db: Db) {
  /** Revokes the session's active key, if any; returns the revoked rows. */
  const revokeActive = (t: Db, sessionId: string): Promise<IngestKeyRow[]> =>
    t.update(ingestKeys).set({ revokedAt: new Date() }).where(activeOf(sessionId)).returning();

  return {
    /** The session's active key (not revoked; it may have expired), if any. */
    active: async (sessionId: string): Promise<IngestKeyRow | undefined> => {
      const [row] = await db
        .select()
        .from(ingestKeys)
        .where(activeOf(sessionId))
        .orderBy(desc(ingestKeys.createdAt))
        .limit(1);
      return row;
    },
    /** A key by its id (revoked or not) and the status of its session, if there is one. */
    withSession: async (keyId: string) => {
      const [row] = await db
        .select({ key: ingestKeys, sessionStatus: liveSessions.status })
        .from(ingestKeys)
        .innerJoin(liveSessions, eq(liveSessions.sessionId, ingestKeys.sessionId))
        .where(eq(ingestKeys.keyId, keyId))
        .limit(1);
      return row;
    },
    /** Whether `keyId` is the session's active key. */
    isActive: async (sessionId: string, keyId: string): Promise<boolean> =>
      Boolean(await findOne(db, ingestKeys, and(activeOf(sessionId), eq(ingestKeys.keyId, keyId)))),
    /** Stores a new active key, revoking the previous one in the same transaction. */
    replace: (
      row: Omit<IngestKeyRow, 'createdAt' | 'revokedAt'>,
    ): Promise<{ key: IngestKeyRow; revoked: IngestKeyRow[] }> =>
      inTransaction(db, async (t) => {
        const revoked = await revokeActive(t, row.sessionId);
        const [key] = await t.insert(ingestKeys).values(row).returning();
        return { key: key!, revoked };
      }),
    revokeActive: (sessionId: string) => revokeActive(db, sessionId),
  };
}
