import * as client from 'openid-client';
import type { Db } from '../../db/client.js';
import type { OidcClient } from './oidc-client.js';
import { oidcLoginRepository } from './oidc-logins.js';

/**
 * Starts an authorization code sign-in with PKCE (S256), a `state` and a `nonce`: what the
 * callback will need is stored under the state, which also goes to the browser's cookie, and
 * the browser is sent to the provider.
 */
export async function startOidcSignIn(options: {
  db: Db;
  oidc: OidcClient;
  nextPath: string;
}): Promise<{ redirectTo: string; state: string }> {
  const configuration = await options.oidc.configuration();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await oidcLoginRepository(options.db).save(state, {
    nonce,
    codeVerifier,
    nextPath: options.nextPath,
  });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: options.oidc.redirectUri,
    scope: 'openid profile email',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { redirectTo: url.href, state };
}
