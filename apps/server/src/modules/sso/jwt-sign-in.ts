import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../auth/auth-tokens.js';
import { hashToken } from '../auth/auth-tokens.js';
import type { TokenIssuer } from '../auth/authenticator.js';
import type { UserRow } from '../auth/user-repository.js';
import { profileFromClaims } from './claims.js';
import { linkExternalAccount } from './link-external-account.js';
import { spentTokenRepository } from './spent-tokens.js';
import type { JwtVerifier } from './verify-jwt.js';

/** What both uses of the host site's JWT need. */
export interface JwtSignIn {
  db: Db;
  verify: JwtVerifier;
  roleClaim: string | undefined;
  /** The account's role changed: cached copies of it must go. */
  onRoleChange: (userId: string) => Promise<void>;
}

const replayed = (message: string) =>
  new AppError('UNAUTHENTICATED', message, undefined, { reason: 'jwt_replayed' });

/**
 * `Authorization: Bearer <jwt>` on the API: the token is checked, then its account is created
 * or brought up to date. Nothing is written before the token passed every check, so a bad
 * token never makes an account. A token spent by the hand-off or signed out is refused.
 */
export async function resolveJwtBearer(
  sso: JwtSignIn,
  token: string,
): Promise<{ principal: Principal; expiresAt: Date }> {
  const jwt = await sso.verify(token);
  if (await spentTokenRepository(sso.db).isSpent(jwt.spendKey)) {
    throw replayed('this JWT was signed out or used for the sign-in hand-off: mint a new one');
  }
  const user = await linkExternalAccount({
    db: sso.db,
    profile: profileFromClaims(jwt.claims, sso.roleClaim),
    onRoleChange: sso.onRoleChange,
  });
  return {
    principal: {
      kind: 'user',
      user,
      tokenHash: hashToken(token),
      jwt: { spendKey: jwt.spendKey, expiresAt: jwt.expiresAt },
    },
    expiresAt: new Date(jwt.claims.exp * 1000),
  };
}

/**
 * The one-time hand-off (`GET /auth/jwt`): the token is checked and spent (a second use, on
 * any instance, is refused before any account is touched), then its account signs in with a
 * session of ours.
 */
export async function handOffJwt(
  sso: JwtSignIn & { tokens: TokenIssuer },
  token: string,
): Promise<{ user: UserRow; token: string }> {
  const jwt = await sso.verify(token);
  if (!(await spentTokenRepository(sso.db).spend(jwt.spendKey, jwt.expiresAt))) {
    throw replayed('this sign-in link was already used: open it again from your site');
  }
  const user = await linkExternalAccount({
    db: sso.db,
    profile: profileFromClaims(jwt.claims, sso.roleClaim),
    onRoleChange: sso.onRoleChange,
  });
  return { user, token: await sso.tokens.issueForUser(user.id) };
}

/** Signing out with a JWT: it stays refused until it expires. */
export async function spendJwt(db: Db, jwt: { spendKey: string; expiresAt: Date }) {
  await spentTokenRepository(db).spend(jwt.spendKey, jwt.expiresAt);
}
