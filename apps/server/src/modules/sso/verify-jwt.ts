import { createHash } from 'node:crypto';
import type { ErrorReason } from '@stagecast/contracts';
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import type { JwtAuthConfig } from '../../config.js';
import { AppError } from '../../errors.js';

/**
 * The host site's JWTs, checked with `jose`: the signature (HS256 with `AUTH_JWT_SECRET`,
 * RS256/ES256 with the keys at `AUTH_JWT_JWKS_URL`), `iss`, `aud`, `exp` and `nbf`, with
 * `CLOCK_SKEW_SECONDS` of tolerance for clocks that disagree.
 */

/** Clocks of two servers may disagree by this much; `exp` and `nbf` are read with it. */
export const CLOCK_SKEW_SECONDS = 30;
/** Longer than any JWT a site would mint; a bigger header is not worth parsing. */
export const MAX_JWT_LENGTH = 8192;

const JWT_SHAPE = /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/;

/**
 * A JWT, as opposed to one of our own tokens (43 base64url characters, no dot): told apart by
 * its shape alone, so our tokens never pay for a JWT check.
 */
export function looksLikeJwt(token: string): boolean {
  return token.length <= MAX_JWT_LENGTH && JWT_SHAPE.test(token);
}

/** A JWT whose signature and claims were checked. */
export interface VerifiedJwt {
  claims: JWTPayload & { iss: string; sub: string; exp: number };
  /** What marks it spent: its `jti` under its issuer, else the token's own hash. */
  spendKey: string;
  /** When it stops being valid anywhere (its `exp`, plus the clock skew). */
  expiresAt: Date;
}

const refuse = (reason: ErrorReason, message: string) =>
  new AppError('UNAUTHENTICATED', message, undefined, { reason });

/** The 401 for a failed check; `jose`'s own error (which holds the claims) is not kept. */
function refusalFor(err: unknown, config: JwtAuthConfig): AppError {
  if (err instanceof errors.JWTExpired) return refuse('jwt_expired', 'the JWT has expired (exp)');
  if (err instanceof errors.JWTClaimValidationFailed) {
    switch (err.claim) {
      case 'iss':
        return refuse(
          'jwt_wrong_issuer',
          `the JWT's iss is not AUTH_JWT_ISSUER (${config.issuer})`,
        );
      case 'aud':
        return refuse(
          'jwt_wrong_audience',
          `the JWT's aud does not include AUTH_JWT_AUDIENCE (${config.audience})`,
        );
      case 'nbf':
      case 'iat':
        return refuse(
          'jwt_not_yet_valid',
          `the JWT is not valid yet (${err.claim} is in the future)`,
        );
      default:
        return refuse(
          'jwt_invalid',
          `the JWT's ${err.claim} claim is ${err.reason === 'missing' ? 'missing' : 'invalid'}`,
        );
    }
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return refuse('jwt_invalid', 'the JWT signature does not verify with our key');
  }
  if (err instanceof errors.JWKSNoMatchingKey) {
    return refuse('jwt_invalid', 'no key at AUTH_JWT_JWKS_URL matches the JWT (kid, alg)');
  }
  if (
    err instanceof errors.JWKSTimeout ||
    !(err instanceof errors.JOSEError) ||
    err.code === 'ERR_JOSE_GENERIC'
  ) {
    return new AppError(
      'DEPENDENCY_UNAVAILABLE',
      'the keys at AUTH_JWT_JWKS_URL cannot be fetched: try again shortly',
    );
  }
  return refuse('jwt_invalid', 'the JWT is malformed or its signature does not verify');
}

export function createJwtVerifier(config: JwtAuthConfig) {
  const secret = config.secret === undefined ? undefined : new TextEncoder().encode(config.secret);
  // Keys are cached (10 min) and fetched again at once, at most every 30 s, when a token names
  // a key we do not have: a rotation at the site needs no restart here.
  const jwks =
    config.jwksUrl === undefined
      ? undefined
      : createRemoteJWKSet(new URL(config.jwksUrl), {
          cacheMaxAge: 10 * 60_000,
          cooldownDuration: 30_000,
          timeoutDuration: 5_000,
        });

  return async function verifyJwt(token: string): Promise<VerifiedJwt> {
    if (!looksLikeJwt(token)) throw refuse('jwt_invalid', 'the token is not a JWT');
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw refuse('jwt_invalid', 'the JWT header cannot be read');
    }
    // The algorithm is pinned per key, so a token can never pick how it is checked
    // (`alg: none`, or HS256 with a public key as the secret).
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && secret) {
        ({ payload } = await jwtVerify(token, secret, options(config, ['HS256'])));
      } else if ((alg === 'RS256' || alg === 'ES256') && jwks) {
        ({ payload } = await jwtVerify(token, jwks, options(config, ['RS256', 'ES256'])));
      } else {
        throw refuse(
          'jwt_invalid',
          `the JWT algorithm ${JSON.stringify(alg)} is not accepted here`,
        );
      }
    } catch (err) {
      throw err instanceof AppError ? err : refusalFor(err, config);
    }
    const { sub, exp, jti } = payload;
    if (typeof sub !== 'string' || sub === '' || sub.length > 255) {
      throw refuse('jwt_invalid', "the JWT's sub claim must be a string of 1 to 255 characters");
    }
    return {
      claims: payload as VerifiedJwt['claims'],
      spendKey:
        typeof jti === 'string' && jti !== '' && jti.length <= 255
          ? `jti:${payload.iss}:${jti}`
          : `sha256:${createHash('sha256').update(token).digest('hex')}`,
      expiresAt: new Date((exp! + CLOCK_SKEW_SECONDS) * 1000),
    };
  };
}
export type JwtVerifier = ReturnType<typeof createJwtVerifier>;

function options(config: JwtAuthConfig, algorithms: string[]) {
  return {
    algorithms,
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: CLOCK_SKEW_SECONDS,
    // Without `exp` a token would be valid, and its spent mark kept, for ever.
    requiredClaims: ['sub', 'exp'],
  };
}
