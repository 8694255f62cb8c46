import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../../../apps/server/test/support/stack.js';
import type { Stack } from '../../../apps/server/test/support/stack.js';
import { freePortBlock } from '../../../scripts/free-ports.mjs';
import { launchBrowser, newContext } from '../support/browser.js';
import { startOpenIdProvider } from '../support/openid-provider.js';
import type { OpenIdProvider } from '../support/openid-provider.js';

/**
 * Issue 14: sign-in through a real OpenID provider (`oidc-provider` on a loopback port), in
 * Chromium, on an OIDC-only server.
 */
describe('OpenID Connect sign-in, in Chromium', () => {
  let stack: Stack;
  let provider: OpenIdProvider;
  let browser: Browser;
  /** The app as PUBLIC_URL names it: the redirect URI the provider knows is on it. */
  let site: string;

  const ada = {
    sub: 'ada-7',
    name: 'Ada Lovelace',
    email: 'ada@school.example',
    email_verified: true,
    school_role: ['student', 'mentor'],
  };
  const externalAccounts = async () =>
    (
      await stack.database.rows<{ n: number }>(
        sql`select count(*)::int as n from external_identities`,
      )
    )[0]!.n;

  /** From the sign-in page to the provider's login form, and through it with Ada's id. */
  async function signInAtProvider(page: Page) {
    await page.goto(`${site}/login?next=%2Flive`);
    await page.getByRole('link', { name: 'Sign in with School account' }).click();
    await page.waitForURL(`${provider.issuer}/**`);
    await page.locator('input[name="login"]').fill(ada.sub);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
  }

  beforeAll(async () => {
    // The provider must know the app's redirect URI, and the app the provider's issuer: the
    // app starts first, and discovers the provider only at the first sign-in.
    const issuerPort = await freePortBlock(1);
    [stack, browser] = await Promise.all([
      startStack({
        env: {
          OIDC_ISSUER: `http://127.0.0.1:${issuerPort}`,
          OIDC_CLIENT_ID: 'stagecast-test',
          OIDC_CLIENT_SECRET: 'a-client-secret-for-the-test',
          OIDC_ROLE_CLAIM: 'school_role',
          OIDC_NAME: 'School account',
          OIDC_ONLY: 'true',
        },
      }),
      launchBrowser(),
    ]);
    site = stack.config.publicUrl;
    provider = await startOpenIdProvider({
      port: issuerPort,
      redirectUri: `${site}/auth/oidc/callback`,
      accounts: [ada],
      extraClaims: ['school_role'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await provider?.close();
  });

  it('refuses a callback whose state was forged, and signs nobody in', async () => {
    const page = await (await newContext(browser)).newPage();
    // The browser's trip to the provider carries another state than the one its cookie holds;
    // the provider then sends that state back with a real code.
    await page.route(
      (url) => url.pathname === '/auth/oidc/start',
      async (route) => {
        const response = await route.fetch({ maxRedirects: 0 });
        const location = new URL(response.headers()['location']!);
        expect(location.searchParams.get('state')).toBeTruthy();
        location.searchParams.set('state', 'forged-state');
        await route.fulfill({
          response,
          headers: { ...response.headers(), location: location.href },
        });
      },
    );
    await signInAtProvider(page);
    await page.locator('[data-reason="oidc_state_mismatch"]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Could not sign you in');
    const me = await page.request.get(`${site}/api/v1/auth/me`);
    expect(me.status()).toBe(401);
    expect(await externalAccounts()).toBe(0);
    await page.context().close();
  });

  it('signs in at the provider and lands on the plaza as that person, with the mapped role', async () => {
    const page = await (await newContext(browser)).newPage();
    // OIDC-only: no password form, no registration.
    await page.goto(`${site}/login`);
    await page.getByRole('link', { name: 'Sign in with School account' }).waitFor();
    expect(await page.getByTestId('login-email').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Create account' }).count()).toBe(0);

    await signInAtProvider(page);
    await page.waitForURL(`${site}/live`);
    await page.getByRole('heading', { name: 'Plaza' }).waitFor();
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('Signed in as Ada Lovelace');
    // Mentors create sessions: the role claim's "mentor" reached the account.
    await page.getByTestId('create-session').waitFor();
    const me = (await (await page.request.get(`${site}/api/v1/auth/me`)).json()) as {
      user: { role: string; username: string };
    };
    expect(me.user).toMatchObject({ role: 'mentor', username: 'Ada Lovelace' });
    const [link] = await stack.database.rows<{ issuer: string; subject: string }>(
      sql`select issuer, subject from external_identities`,
    );
    expect(link).toEqual({ issuer: provider.issuer, subject: ada.sub });
    await page.context().close();
  });

  it('refuses email and password in the API too, naming why', async () => {
    const res = await fetch(`${site}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@school.example', password: 'whatever-it-is' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe(
      'password_sign_in_disabled',
    );
  });

  it('never logs the code or the state the provider sent back', () => {
    expect(stack.logs()).toContain('/auth/oidc/callback?code=[redacted]');
    expect(stack.logs()).not.toMatch(/callback\?code=(?!\[redacted\])/);
  });
});
