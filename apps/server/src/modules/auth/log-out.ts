import type { Principal } from './auth-tokens.js';
import type { TokenIssuer } from './authenticator.js';

/** Revokes the token the caller signed in with (their other sign-ins stay). */
export async function logOut(options: {
  tokens: TokenIssuer;
  principal: Principal;
}): Promise<void> {
  await options.tokens.revoke(options.principal.tokenHash);
}
