import type { UserRole } from '@stagecast/contracts';

/**
 * What we take from the other side's claims (a JWT of the host site, or an OpenID provider's ID
 * token and userinfo) to create or update the account: never anything that picks *which*
 * account, apart from issuer + subject.
 */
export interface ExternalProfile {
  issuer: string;
  /** `sub`: the account's key at the issuer. */
  subject: string;
  /** `name` (else `preferred_username`): shown as the account's name. */
  name: string | undefined;
  /** `email`: kept with the identity for people to read, never used to match an account. */
  email: string | undefined;
  /** From the role claim when one is configured; `undefined` leaves the account's role alone. */
  role: UserRole | undefined;
}

/**
 * The value at `path`: a claim of that name (`role`, or a namespaced one like
 * `https://school.example.com/roles`, which holds dots), else the dotted path into nested
 * claims (`realm_access.roles`).
 */
export function readClaim(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const RANK: Record<UserRole, number> = { user: 0, mentor: 1, admin: 2 };

/**
 * A role claim as one of our roles: `admin` and `mentor` (any case) are themselves; anything
 * else (`user`, `student`, `teacher`, a number, nothing) is `user`. A list (`["mentor",
 * "staff"]`) gives the highest role it names, so adding an unrelated role on the other side
 * never takes one away here.
 */
export function roleFromClaim(value: unknown): UserRole {
  const values = Array.isArray(value) ? value : [value];
  let best: UserRole = 'user';
  for (const item of values) {
    if (typeof item !== 'string') continue;
    const role = item.trim().toLowerCase();
    if ((role === 'admin' || role === 'mentor') && RANK[role] > RANK[best]) best = role;
  }
  return best;
}

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.trim() !== '' && value.length <= max
    ? value.trim()
    : undefined;

/** The profile in `claims`, whose `iss` and `sub` the caller has already checked. */
export function profileFromClaims(
  claims: Record<string, unknown>,
  roleClaim: string | undefined,
): ExternalProfile {
  return {
    issuer: String(claims.iss),
    subject: String(claims.sub),
    name: text(claims.name, 200) ?? text(claims.preferred_username, 200),
    email: text(claims.email, 254)?.toLowerCase(),
    role: roleClaim === undefined ? undefined : roleFromClaim(readClaim(claims, roleClaim)),
  };
}
