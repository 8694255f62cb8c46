import * as client from 'openid-client';
import type { OidcConfig } from '../../config.js';
import { AppError } from '../../errors.js';

/**
 * The OpenID provider as `openid-client` (v6) sees it: discovered from `OIDC_ISSUER` on first
 * use, not at start, so a provider that is down delays sign-ins through it, not the whole app;
 * a failed discovery is tried again on the next sign-in.
 */
export function oidcClient(config: OidcConfig, publicUrl: string) {
  const insecure = new URL(config.issuer).protocol === 'http:'; // loopback only (config checks)
  let discovered: Promise<client.Configuration> | undefined;

  async function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(
        new URL(config.issuer),
        config.clientId,
        { client_secret: config.clientSecret },
        // The default of the OpenID and OAuth specs, which every provider supports.
        client.ClientSecretBasic(config.clientSecret),
        { timeout: 5, execute: insecure ? [client.allowInsecureRequests] : [] },
      )
      .catch((err: unknown) => {
        discovered = undefined;
        throw new AppError(
          'DEPENDENCY_UNAVAILABLE',
          `the OpenID provider at OIDC_ISSUER cannot be reached (${(err as Error).message})`,
          undefined,
          { reason: 'oidc_unavailable' },
        );
      });
    return discovered;
  }

  return {
    configuration,
    /** Where the provider sends people back: registered with it as the redirect URI. */
    redirectUri: new URL('/auth/oidc/callback', publicUrl).href,
    roleClaim: config.roleClaim,
  };
}
export type OidcClient = ReturnType<typeof oidcClient>;
