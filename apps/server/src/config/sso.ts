import type { z } from 'zod';
import { booleanFlag, optionalString, settingsArea } from './fields.js';

/**
 * Signing in with the host site's accounts (issue 14): a JWT the site signs (HS256 with a shared
 * secret, or RS256/ES256 with keys from its JWKS URL), and sign-in through an OpenID provider.
 * Both are off unless configured.
 */

/** Loopback hosts, where plain http is allowed (a provider on this machine, the tests). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https URL, or http on loopback: keys and tokens must not travel in clear over a network. */
const secureUrl = optionalString.refine(
  (v) => {
    if (v === undefined) return true;
    try {
      const url = new URL(v);
      return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
    } catch {
      return false;
    }
  },
  { message: 'must be an https:// URL (http:// only on localhost or 127.0.0.1)' },
);

/** A claim name, or a dotted path into nested claims (`realm_access.roles`). */
const claimPath = optionalString.refine(
  (v) => v === undefined || /^[\w:/-]+(\.[\w:/-]+)*$/.test(v),
  {
    message: 'must be a claim name like role, or a dotted path like realm_access.roles',
  },
);

export const ssoEnv = {
  AUTH_JWT_SECRET: optionalString,
  AUTH_JWT_JWKS_URL: secureUrl,
  AUTH_JWT_ISSUER: optionalString,
  AUTH_JWT_AUDIENCE: optionalString,
  AUTH_JWT_ROLE_CLAIM: claimPath,
  OIDC_ISSUER: secureUrl,
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_ROLE_CLAIM: claimPath,
  OIDC_NAME: optionalString.refine((v) => v === undefined || v.length <= 40, {
    message: 'must be at most 40 characters',
  }),
  OIDC_ONLY: booleanFlag(false),
};

export const ssoArea = settingsArea('Sign-in from your site', ssoEnv);

type SsoEnv = z.infer<z.ZodObject<typeof ssoEnv>>;

/** The host site's JWTs, accepted as Bearer tokens and by the hand-off `GET /auth/jwt`. */
export interface JwtAuthConfig {
  /** HS256 tokens are checked with this secret. */
  secret: string | undefined;
  /** RS256 and ES256 tokens are checked with the keys published here. */
  jwksUrl: string | undefined;
  issuer: string;
  audience: string;
  /** Where the role is in the claims; unset: roles are not taken from tokens. */
  roleClaim: string | undefined;
}

/** Sign-in through an OpenID provider. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleClaim: string | undefined;
  /** What the sign-in button says after "Sign in with". */
  name: string;
  /** Local passwords are refused: people sign in through the provider only. */
  only: boolean;
}

/** The sign-in part of `Config`. */
export interface SsoSettings {
  jwtAuth: JwtAuthConfig | undefined;
  oidc: OidcConfig | undefined;
}

/** A JWT secret shorter than this is guessable offline from one token (HS256 is a 256-bit MAC). */
const MIN_SECRET_LENGTH = 32;

/** Cross-field rules of the area; each names the variable to fix. */
export function checkSso(env: SsoEnv, ctx: z.RefinementCtx): void {
  const issue = (name: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [name], message });

  const keyed = env.AUTH_JWT_SECRET !== undefined || env.AUTH_JWT_JWKS_URL !== undefined;
  if (env.AUTH_JWT_SECRET !== undefined && env.AUTH_JWT_SECRET.length < MIN_SECRET_LENGTH) {
    issue('AUTH_JWT_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  for (const name of ['AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE'] as const) {
    if (keyed && env[name] === undefined) {
      issue(
        name,
        'must be set with AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL: tokens are checked against it',
      );
    }
  }
  if (!keyed) {
    for (const name of ['AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE', 'AUTH_JWT_ROLE_CLAIM'] as const) {
      if (env[name] !== undefined) {
        issue(name, 'needs AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL: without a key no JWT is accepted');
      }
    }
  }

  const oidcSet = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter(
    (name) => env[name] !== undefined,
  );
  if (oidcSet.length > 0 && oidcSet.length < 3) {
    for (const name of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
      if (env[name] === undefined) {
        issue(name, 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set together');
      }
    }
  }
  if (oidcSet.length === 0) {
    if (env.OIDC_ONLY) issue('OIDC_ONLY', 'needs OIDC_ISSUER: nobody could sign in otherwise');
    for (const name of ['OIDC_ROLE_CLAIM', 'OIDC_NAME'] as const) {
      if (env[name] !== undefined) issue(name, 'needs OIDC_ISSUER');
    }
  }
}

export function toSsoSettings(env: SsoEnv): SsoSettings {
  const jwtAuth =
    (env.AUTH_JWT_SECRET || env.AUTH_JWT_JWKS_URL) && env.AUTH_JWT_ISSUER && env.AUTH_JWT_AUDIENCE
      ? {
          secret: env.AUTH_JWT_SECRET,
          jwksUrl: env.AUTH_JWT_JWKS_URL,
          issuer: env.AUTH_JWT_ISSUER,
          audience: env.AUTH_JWT_AUDIENCE,
          roleClaim: env.AUTH_JWT_ROLE_CLAIM,
        }
      : undefined;
  const oidc =
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
          roleClaim: env.OIDC_ROLE_CLAIM,
          name: env.OIDC_NAME ?? new URL(env.OIDC_ISSUER).hostname,
          only: env.OIDC_ONLY,
        }
      : undefined;
  return { jwtAuth, oidc };
}
