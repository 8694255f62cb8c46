import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { spentTokens } from '../../db/schema.js';

/**
 * JWTs that were used for the one-time hand-off or signed out, until they expire. In the
 * database, so a token spent on one app instance is spent on all of them.
 */
export function spentTokenRepository(db: Db) {
  return {
    /**
     * Marks the token spent; `false` when it already was. One statement, so two instances
     * spending the same token at once cannot both succeed.
     */
    async spend(key: string, expiresAt: Date): Promise<boolean> {
      // Marks past their token's expiry guard nothing: clear them as new ones come.
      await db.delete(spentTokens).where(lt(spentTokens.expiresAt, new Date()));
      const inserted = await db
        .insert(spentTokens)
        .values({ key, expiresAt })
        .onConflictDoNothing()
        .returning({ key: spentTokens.key });
      return inserted.length === 1;
    },
    async isSpent(key: string): Promise<boolean> {
      const rows = await db
        .select({ key: spentTokens.key })
        .from(spentTokens)
        .where(eq(spentTokens.key, key))
        .limit(1);
      return rows.length > 0;
    },
  };
}
