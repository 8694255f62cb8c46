import type { FastifyRequest } from 'fastify';
import type { UserRole } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Redis } from 'ioredis';
import { cookieToken } from './auth-cookie.js';
import { authTokenRepository, hashToken } from './auth-tokens.js';
import { principalCache } from './principal-cache.js';
import type { Principal } from './auth-tokens.js';
import type { UserRow } from './user-repository.js';

/** A Bearer token, else the session cookie (the embedded room's for its own calls). */
function tokenFrom(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  return cookieToken(request);
}

/**
 * The host site's JWTs as Bearer tokens (issue 14), when `AUTH_JWT_*` is configured: the
 * sign-in module checks them and gives their account.
 */
export interface JwtBearer {
  /** Cheap: whether the token has a JWT's shape (ours never do). */
  accepts(token: string): boolean;
  /** Checks the JWT (401 with its reason when it fails) and gives its account. */
  resolve(token: string): Promise<{ principal: Principal; expiresAt: Date }>;
  /** Signing out with a JWT: it is refused from then on, until it expires. */
  spend(jwt: { spendKey: string; expiresAt: Date }): Promise<void>;
}

/**
 * Resolves who is calling: a Bearer token (ours, or the host site's JWT), or the HttpOnly cookie
 * the web app gets. The answer is kept per request, so several checks cost one query, and across
 * requests for `cacheMs` (see principal-cache.ts); a bad JWT is a 401 that names what is wrong
 * with it wherever the caller is read.
 */
export function createAuthenticator(
  db: Db,
  redis?: Redis,
  options: { jwt?: JwtBearer; cacheMs?: number } = {},
) {
  const { jwt } = options;
  const repo = authTokenRepository(db);
  const resolved = principalCache(redis, options.cacheMs);
  const perRequest = new WeakMap<FastifyRequest, Promise<Principal | undefined>>();

  async function lookup(token: string): Promise<Principal | undefined> {
    const hash = hashToken(token);
    const cached = resolved.get(hash);
    if (cached) return cached;
    if (jwt?.accepts(token)) {
      const external = await jwt.resolve(token);
      resolved.set(hash, external.principal, external.expiresAt);
      return external.principal;
    }
    const found = await repo.resolve(token);
    if (found) resolved.set(hash, found.principal, found.expiresAt);
    return found?.principal;
  }

  async function principal(request: FastifyRequest): Promise<Principal | undefined> {
    let found = perRequest.get(request);
    if (!found) {
      const token = tokenFrom(request);
      found =
        token && (token.length <= 200 || jwt?.accepts(token))
          ? lookup(token)
          : Promise.resolve(undefined);
      perRequest.set(request, found);
    }
    return found;
  }

  /** Token operations; every revocation also drops the cached principals it concerns. */
  const tokens = {
    issueForUser: (userId: string) => repo.issueForUser(userId),
    issueForGuest: (guestId: string, displayName: string) =>
      repo.issueForGuest(guestId, displayName),
    async revoke(tokenHash: string): Promise<void> {
      await repo.revoke(tokenHash);
      await resolved.dropToken(tokenHash);
    },
    async revokeAllForUser(userId: string): Promise<void> {
      await repo.revokeAllForUser(userId);
      await resolved.dropUser(userId);
    },
    /** Signs out a caller who came with a JWT: it is spent, and dropped wherever cached. */
    async spendJwt(tokenHash: string, spent: { spendKey: string; expiresAt: Date }): Promise<void> {
      await jwt?.spend(spent);
      await resolved.dropToken(tokenHash);
    },
    /** The account changed (its role, disabled): cached copies of it must go. */
    forgetUser: (userId: string) => resolved.dropUser(userId),
    close: () => resolved.close(),
  };

  async function requirePrincipal(request: FastifyRequest): Promise<Principal> {
    const found = await principal(request);
    if (!found) {
      throw new AppError('UNAUTHENTICATED', 'sign in first: missing or invalid token', undefined, {
        reason: 'sign_in_required',
      });
    }
    return found;
  }

  async function requireUser(request: FastifyRequest, roles?: UserRole[]): Promise<UserRow> {
    const found = await requirePrincipal(request);
    if (found.kind !== 'user') {
      throw new AppError('FORBIDDEN', 'guests cannot do this: sign in', undefined, {
        reason: 'account_required',
      });
    }
    if (roles && !roles.includes(found.user.role)) {
      throw new AppError(
        'FORBIDDEN',
        `only ${roles.join(' or ')} accounts can do this`,
        undefined,
        {
          reason: 'role_required',
        },
      );
    }
    return found.user;
  }

  return { principal, requirePrincipal, requireUser, tokens };
}
export type Authenticator = ReturnType<typeof createAuthenticator>;
/** Issuing and revoking tokens, for the use cases that sign in and out. */
export type TokenIssuer = Authenticator['tokens'];

/** The API's view of a principal. */
export function toUserDto(principal: Principal) {
  if (principal.kind === 'guest') {
    return {
      id: principal.guestId,
      email: null,
      username: principal.displayName,
      role: 'guest' as const,
    };
  }
  return userDto(principal.user);
}

export function userDto(user: UserRow) {
  return { id: user.id, email: user.email, username: user.username, role: user.role };
}

/** The LiveKit identity: stable per account or guest (SPEC §3). */
export function identityOf(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.user.id}` : `guest:${principal.guestId}`;
}

export function subjectId(principal: Principal): string {
  return principal.kind === 'user' ? principal.user.id : principal.guestId;
}

export function displayNameOf(principal: Principal): string {
  return principal.kind === 'user' ? principal.user.username : principal.displayName;
}
