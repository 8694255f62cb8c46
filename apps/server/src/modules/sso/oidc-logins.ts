import { createHash } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { oidcLogins } from '../../db/schema.js';

/** How long a person has at the OpenID provider before the sign-in must start again. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

export interface PendingOidcLogin {
  nonce: string;
  codeVerifier: string;
  nextPath: string;
}

/**
 * OpenID sign-ins under way, in the database so the provider may send the browser back to any
 * app instance. Stored by the hash of their `state`: the table alone cannot finish one.
 */
export function oidcLoginRepository(db: Db) {
  return {
    async save(state: string, login: PendingOidcLogin): Promise<void> {
      await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, new Date()));
      await db.insert(oidcLogins).values({
        stateHash: hashState(state),
        ...login,
        expiresAt: new Date(Date.now() + OIDC_LOGIN_TTL_MS),
      });
    },
    /** The sign-in of `state`, removed as it is read: a callback works once. */
    async take(state: string): Promise<PendingOidcLogin | undefined> {
      const [row] = await db
        .delete(oidcLogins)
        .where(
          and(eq(oidcLogins.stateHash, hashState(state)), gt(oidcLogins.expiresAt, new Date())),
        )
        .returning();
      return row && { nonce: row.nonce, codeVerifier: row.codeVerifier, nextPath: row.nextPath };
    },
  };
}
