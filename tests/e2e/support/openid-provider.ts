import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import type { Account, AccountClaims } from 'oidc-provider';

/**
 * A real OpenID provider (`oidc-provider`) on a free loopback port: one confidential client,
 * the people in `accounts` (signed in by their id at its development login page), and their
 * claims delivered through the `profile` scope, so the role arrives in userinfo as with most
 * providers. Consent is taken as given, as a school's own provider would for its own apps.
 */
export interface OpenIdProvider {
  issuer: string;
  client: { id: string; secret: string };
  close(): Promise<void>;
}

export async function startOpenIdProvider(options: {
  /** A free loopback port: the app is told the issuer before the provider starts. */
  port: number;
  redirectUri: string;
  accounts: AccountClaims[];
  /** Claims beyond the standard ones, sent with the `profile` scope. */
  extraClaims: string[];
}): Promise<OpenIdProvider> {
  const client = { id: 'stagecast-test', secret: 'a-client-secret-for-the-test' };
  const issuer = `http://127.0.0.1:${options.port}`;

  const provider: Provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', ...options.extraClaims],
    },
    cookies: { keys: ['cookie-key-of-the-test-provider'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id): Promise<Account | undefined> {
      const claims = options.accounts.find((a) => a.sub === id);
      return claims && { accountId: id, claims: async () => claims };
    },
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    issuer,
    client,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
