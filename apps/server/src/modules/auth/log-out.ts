import type { Principal } from './auth-tokens.js';
import type { TokenIssuer } from './authenticator.js';

/**
 * Revokes the token the caller signed in with (their other sign-ins stay); a host site's JWT
 * is spent, so it is refused until it expires.
 */
export async function logOut(options: {
  tokens: TokenIssuer;
  principal: Principal;
}): Promise<void> {
  const { principal, tokens } = options;
  if (principal.kind === 'user' && principal.jwt) {
    await tokens.spendJwt(principal.tokenHash, principal.jwt);
    return;
  }
  await tokens.revoke(principal.tokenHash);
}
