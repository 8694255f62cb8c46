import { timingSafeEqual } from 'node:crypto';
import type { ErrorReason } from '@stagecast/contracts';
import * as client from 'openid-client';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { TokenIssuer } from '../auth/authenticator.js';
import type { UserRow } from '../auth/user-repository.js';
import { profileFromClaims } from './claims.js';
import { linkExternalAccount } from './link-external-account.js';
import type { OidcClient } from './oidc-client.js';
import { oidcLoginRepository } from './oidc-logins.js';

/** Where a failure is logged (the request's logger). */
interface WarnLogger {
  warn(details: object, message: string): void;
}

const refuse = (reason: ErrorReason, message: string) =>
  new AppError('UNAUTHENTICATED', message, undefined, { reason });

function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The provider sent the browser back. The `state` must be the one this browser started with
 * (its cookie) and one we stored and have not used yet; then `openid-client` exchanges the code
 * with the PKCE verifier and checks the ID token (signature, issuer, audience, expiry, nonce).
 * The account is the one linked to the ID token's issuer + subject.
 */
export async function finishOidcSignIn(options: {
  db: Db;
  oidc: OidcClient;
  tokens: TokenIssuer;
  logger: WarnLogger;
  /** The query string the provider sent, as received. */
  search: string;
  /** The state this browser's cookie holds. */
  cookieState: string | undefined;
  onRoleChange: (userId: string) => Promise<void>;
}): Promise<{ user: UserRow; token: string; nextPath: string }> {
  const state = new URLSearchParams(options.search).get('state');
  if (!state || !options.cookieState || !sameState(state, options.cookieState)) {
    throw refuse(
      'oidc_state_mismatch',
      'the state does not match the sign-in this browser started',
    );
  }
  const pending = await oidcLoginRepository(options.db).take(state);
  if (!pending) {
    throw refuse(
      'oidc_state_mismatch',
      'this sign-in expired or was already finished: start again',
    );
  }
  const configuration = await options.oidc.configuration();
  const currentUrl = new URL(options.oidc.redirectUri);
  currentUrl.search = options.search;
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    // Providers put some claims (often the roles) only in userinfo; the ID token's win.
    const userinfo = configuration.serverMetadata().userinfo_endpoint
      ? await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
      : {};
    claims = { ...userinfo, ...idToken };
  } catch (err) {
    throw providerRefusal(err, options.logger);
  }
  const user = await linkExternalAccount({
    db: options.db,
    profile: profileFromClaims(claims, options.oidc.roleClaim),
    onRoleChange: options.onRoleChange,
  });
  return { user, token: await options.tokens.issueForUser(user.id), nextPath: pending.nextPath };
}

/** What went wrong at the provider, said without the code or tokens it may carry. */
function providerRefusal(err: unknown, logger: WarnLogger): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof client.AuthorizationResponseError || err instanceof client.ResponseBodyError) {
    return refuse(
      'oidc_failed',
      `the provider answered ${err.error}${err.error_description ? `: ${err.error_description}` : ''}`,
    );
  }
  const e = err as { name?: string; code?: string; message?: string };
  logger.warn({ name: e.name, code: e.code, message: e.message }, 'OpenID sign-in failed');
  return refuse(
    'oidc_failed',
    `the provider's answer did not pass our checks (${e.code ?? e.name ?? 'error'})`,
  );
}
