import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { authTokens, users } from '../../db/schema.js';
import type { UserRow } from './user-repository.js';

export const USER_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
export const GUEST_TOKEN_TTL_MS = 12 * 3600 * 1000;

/** 256 random bits; only their SHA-256 is stored, so a database leak yields no usable token. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Who a valid token belongs to. */
export type Principal =
  | {
      kind: 'user';
      user: UserRow;
      tokenHash: string;
      /** Set when the caller came with the host site's JWT: signing out spends it. */
      jwt?: { spendKey: string; expiresAt: Date };
    }
  | { kind: 'guest'; guestId: string; displayName: string; tokenHash: string };

export function authTokenRepository(db: Db) {
  return {
    async issueForUser(userId: string): Promise<string> {
      const { token, hash } = newToken();
      await db.insert(authTokens).values({
        tokenHash: hash,
        kind: 'user',
        userId,
        expiresAt: new Date(Date.now() + USER_TOKEN_TTL_MS),
      });
      return token;
    },
    async issueForGuest(guestId: string, displayName: string): Promise<string> {
      const { token, hash } = newToken();
      await db.insert(authTokens).values({
        tokenHash: hash,
        kind: 'guest',
        guestId,
        displayName,
        expiresAt: new Date(Date.now() + GUEST_TOKEN_TTL_MS),
      });
      return token;
    },
    /** The principal of a token that exists, is not revoked and has not expired. */
    async resolve(token: string): Promise<{ principal: Principal; expiresAt: Date } | undefined> {
      const tokenHash = hashToken(token);
      const [row] = await db
        .select({ token: authTokens, user: users })
        .from(authTokens)
        .leftJoin(users, eq(users.id, authTokens.userId))
        .where(
          and(
            eq(authTokens.tokenHash, tokenHash),
            isNull(authTokens.revokedAt),
            gt(authTokens.expiresAt, new Date()),
          ),
        )
        .limit(1);
      if (!row) return undefined;
      const expiresAt = row.token.expiresAt;
      if (row.token.kind === 'user') {
        // Disabling revokes the account's tokens; this also refuses one issued in a race with it.
        return row.user && !row.user.disabledAt
          ? { principal: { kind: 'user', user: row.user, tokenHash }, expiresAt }
          : undefined;
      }
      const guest: Principal = {
        kind: 'guest',
        guestId: row.token.guestId!,
        displayName: row.token.displayName ?? 'Guest',
        tokenHash,
      };
      return { principal: guest, expiresAt };
    },
    async revoke(tokenHash: string): Promise<void> {
      await db
        .update(authTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(authTokens.tokenHash, tokenHash), isNull(authTokens.revokedAt)));
    },
    async revokeAllForUser(userId: string): Promise<void> {
      await db
        .update(authTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(authTokens.userId, userId), isNull(authTokens.revokedAt)));
    },
  };
}
