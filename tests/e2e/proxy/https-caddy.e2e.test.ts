import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestThrough } from '../../../apps/server/test/support/caddy.js';
import { startProxiedAppOnOwnDatabase } from '../../../apps/server/test/support/proxied-app.js';
import type { ProxiedApp } from '../../../apps/server/test/support/proxied-app.js';
import { launchBrowser, newContext, waitForDecodedFrames } from '../support/browser.js';
import { enterRoom, videoOf } from '../support/room.js';
import { TEACHER } from '../support/teacher.js';

/** What a page did on the wire that this test checks: its WebSockets and its console. */
interface Watched {
  page: Page;
  sockets: string[];
  mixedContent: string[];
}

async function watchedPage(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const watched: Watched = { page, sockets: [], mixedContent: [] };
  page.on('websocket', (ws) => watched.sockets.push(ws.url()));
  page.on('console', (message) => {
    if (/mixed content/i.test(message.text())) watched.mixedContent.push(message.text());
  });
  return watched;
}

/** A same-origin API call from the page, with its cookie: what the web app itself does. */
async function pageApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method: m, path: p, body: b }) => {
      const res = await fetch(p, {
        method: m,
        credentials: 'same-origin',
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    { method, path, body },
  ) as Promise<T>;
}

describe('HTTPS through the real Caddy (deploy/Caddyfile, local CA) in Chromium', () => {
  let stack: ProxiedApp;
  let browser: Browser;

  beforeAll(async () => {
    // Reconcile once at start only: a participant marked connected later came by webhook.
    stack = await startProxiedAppOnOwnDatabase({
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MULTIPLIER: '50',
      RECONCILE_INTERVAL: '1h',
    });
    // Chromium trusts this Caddy's local CA (its key pinned), not every certificate.
    browser = await launchBrowser(stack.caddy.chromiumArgs);
    const res = await requestThrough(stack.caddy, {
      path: '/api/v1/auth/register',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TEACHER),
    });
    expect(res.status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in, publishes, shows the video to a viewer and carries chat, with LiveKit on the same origin', async () => {
    const origin = stack.caddy.origin;
    const signalUrl = `${origin.replace(/^https/, 'wss')}/rtc`;

    // The teacher signs in on the HTTPS page.
    const hostContext = await newContext(browser);
    const host = await watchedPage(hostContext);
    await host.page.goto(`${origin}/login`);
    expect(await host.page.evaluate(() => window.isSecureContext)).toBe(true);
    await host.page.getByTestId('login-email').fill(TEACHER.email);
    await host.page.getByTestId('login-password').fill(TEACHER.password);
    await host.page.getByTestId('login-submit').click();
    await host.page.getByTestId('signed-in-as').waitFor();
    const cookies = await hostContext.cookies(origin);
    expect(cookies.find((c) => c.name === 'stagecast_token')?.secure).toBe(true);

    // …goes live, and the join hands out LiveKit's URL on this origin.
    const created = await pageApi<{ status: number; body: { session_id: string } }>(
      host.page,
      'POST',
      '/api/v1/live/sessions',
      { title: 'Over HTTPS', session_type: 'broadcast', start_now: true },
    );
    expect(created.status).toBe(201);
    const sessionId = created.body.session_id;
    const me = await pageApi<{ body: { user: { id: string } } }>(
      host.page,
      'GET',
      '/api/v1/auth/me',
    );
    const hostIdentity = `user:${me.body.user.id}`;
    await enterRoom(host.page, origin, sessionId);
    await waitForDecodedFrames(host.page, videoOf(hostIdentity), 1);

    // A guest viewer comes in through the same origin and decodes the host's camera.
    const viewerContext = await newContext(browser);
    const viewer = await watchedPage(viewerContext);
    await viewer.page.goto(`${origin}/live/${sessionId}`);
    await viewer.page.getByTestId('guest-name-input').fill('Vera');
    await viewer.page.getByTestId('guest-enter').click();
    const joinAnswer = viewer.page.waitForResponse((r) => r.url().endsWith('/join'));
    await viewer.page.getByTestId('join-button').click();
    const joined = (await (await joinAnswer).json()) as { server_url: string };
    expect(joined.server_url).toBe(origin.replace(/^https/, 'wss'));
    await waitForDecodedFrames(viewer.page, videoOf(hostIdentity), 10);

    // Chat both ways.
    await viewer.page.getByTestId('chat-input').fill('Hello over TLS');
    await viewer.page.getByTestId('chat-send').click();
    await host.page.getByTestId('chat-text').filter({ hasText: 'Hello over TLS' }).waitFor();
    await host.page.getByTestId('chat-input').fill('Welcome, Vera');
    await host.page.getByTestId('chat-send').click();
    await viewer.page.getByTestId('chat-text').filter({ hasText: 'Welcome, Vera' }).waitFor();

    // LiveKit's webhooks still reach the app (LiveKit posts to it on loopback, not through
    // Caddy): both joins were applied, and the reconcile loop has not run since the start.
    await expect
      .poll(
        async () => {
          const list = await pageApi<{
            body: { participants: { identity: string; connected: boolean }[] };
          }>(host.page, 'GET', `/api/v1/live/sessions/${sessionId}/participants`);
          return list.body.participants
            .filter((p) => p.connected)
            .map((p) => p.identity.split(':')[0])
            .sort();
        },
        { timeout: 10_000 },
      )
      .toEqual(['guest', 'user']);

    // Every signal connection went through Caddy, and nothing was mixed content.
    for (const { sockets, mixedContent } of [host, viewer]) {
      expect(sockets.length).toBeGreaterThan(0);
      for (const url of sockets) expect(url.startsWith(signalUrl), url).toBe(true);
      expect(mixedContent).toEqual([]);
    }
    // The watch would have seen it: an insecure request from this page is reported.
    const probe = await watchedPage(viewerContext);
    await probe.page.goto(`${origin}/live`);
    await probe.page.evaluate(() => fetch('http://stagecast.invalid/x').catch(() => undefined));
    await expect.poll(() => probe.mixedContent.length).toBeGreaterThan(0);
    await Promise.all([hostContext.close(), viewerContext.close()]);
  });
});
