import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Room } from '@livekit/rtc-node';
import type { AdminStats } from '@stagecast/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  preferredBackend,
} from '../../../apps/server/test/support/database.js';
import type { TestDatabase } from '../../../apps/server/test/support/database.js';
import { startApp } from '../../../apps/server/test/support/app-process.js';
import type { RunningApp } from '../../../apps/server/test/support/app-process.js';
import { connectClient, publishSyntheticVideo } from '../../../apps/server/test/support/media.js';
import type { Publisher } from '../../../apps/server/test/support/media.js';
import { waitFor } from '../../../apps/server/test/support/processes.js';
import { api } from '../support/api.js';
import { SCREENSHOTS } from '../support/app.js';
import { launchBrowser, newContext } from '../support/browser.js';
import { chartPixels, screenshotWithChart } from '../support/chart.js';
import { seedStatsHistory } from './seed-history.js';

const PASSWORD = 'a long password';
const ADMIN = { email: 'root@example.com', username: 'root' };
const MENTOR = { email: 'mentor@example.com', username: 'mira' };
const PUPIL = { email: 'pupil@example.com', username: 'pupil' };

const overflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe('the admin page in Chromium', () => {
  let db: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let baseUrl: string;
  let admin: { id: string };
  let pupil: { id: string; token: string };
  let classId: string;
  let officeId: string;
  let seededUntil: Date;
  const rooms: Room[] = [];
  let publisher: Publisher | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The hour before this run, then the app sampling every 5 s (LiveKit updates its traffic
    // counters about that often, so shorter samples would see bursts and gaps).
    db = await createTestDatabase(preferredBackend());
    seededUntil = new Date(Date.now() - 60_000);
    await seedStatsHistory(db, seededUntil);
    [app, browser] = await Promise.all([
      startApp({
        dataDir: db.dataDir,
        databaseUrl: db.databaseUrl,
        env: { LOG_LEVEL: 'warn', RATE_LIMIT_MULTIPLIER: '50', STATS_INTERVAL: '5s' },
      }),
      launchBrowser(),
    ]);
    await app.waitReady();
    baseUrl = app.baseUrl;

    const register = async (who: { email: string; username: string }) => {
      const res = await api(baseUrl)<{ token: string; user: { id: string } }>(
        'POST',
        '/api/v1/auth/register',
        { ...who, password: PASSWORD },
      );
      expect(res.status).toBe(201);
      return { id: res.body.user.id, token: res.body.token };
    };
    const root = await register(ADMIN); // the first account: an admin
    admin = root;
    const mentor = await register(MENTOR);
    expect(
      (
        await api(baseUrl, root.token)('PATCH', `/api/v1/admin/users/${mentor.id}`, {
          role: 'mentor',
        })
      ).status,
    ).toBe(200);
    pupil = await register(PUPIL);

    // A class with real clients: the mentor publishes video, two guests watch it; and office
    // hours with one guest waiting.
    const asMentor = api(baseUrl, mentor.token);
    const create = async (title: string) =>
      (
        await asMentor<{ session_id: string }>('POST', '/api/v1/live/sessions', {
          title,
          session_type: 'meeting',
          start_now: true,
        })
      ).body.session_id;
    classId = await create('Intro to WebRTC');
    officeId = await create('Office hours');
    const join = async (sessionId: string, token: string) =>
      (
        await api(baseUrl, token)<{ access_token: string }>(
          'POST',
          `/api/v1/live/sessions/${sessionId}/join`,
          {},
        )
      ).body.access_token;
    const guest = async (name: string) =>
      (
        await api(baseUrl)<{ token: string }>('POST', '/api/v1/auth/guest', {
          display_name: name,
        })
      ).body.token;
    publisher = await publishSyntheticVideo(app.livekitUrl, await join(classId, mentor.token));
    for (const name of ['Ana', 'Li']) {
      const room = new Room();
      await room.connect(app.livekitUrl, await join(classId, await guest(name)), {
        autoSubscribe: true,
        dynacast: false,
      });
      rooms.push(room);
    }
    rooms.push(await connectClient(app.livekitUrl, await join(officeId, await guest('Sam'))));
  });

  afterAll(async () => {
    await publisher?.stop().catch(() => undefined);
    await Promise.all(rooms.map((r) => r.disconnect().catch(() => undefined)));
    await browser?.close();
    await app?.stop();
    await db?.drop();
  });

  async function signedIn(
    who: { email: string },
    options: { width?: number; height?: number } = {},
  ): Promise<BrowserContext> {
    const context = await newContext(browser, options);
    const res = await context.request.post(`${baseUrl}/api/v1/auth/login`, {
      data: { email: who.email, password: PASSWORD },
    });
    expect(res.status()).toBe(200);
    return context;
  }

  it('gives a non-admin a clear page and 403 from the admin API', async () => {
    const context = await signedIn(MENTOR);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin`);
    const denied = page.getByTestId('admin-denied');
    await denied.waitFor();
    expect(await denied.textContent()).toContain('Administrators only');
    expect(await denied.textContent()).toContain('You are signed in as mira, who is not one.');
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    for (const path of ['/api/v1/admin/stats', '/api/v1/admin/users', '/api/v1/admin/audit']) {
      const res = await context.request.get(`${baseUrl}${path}`);
      expect(res.status(), path).toBe(403);
      expect((await res.json()).error.reason).toBe('role_required');
    }
    await context.close();
  });

  it('shows the platform now, charts drawn from the samples and the live sessions; ends one from there', async () => {
    // The app's own samples (after the seeded hour) count the people really connected.
    const asAdmin = api(
      baseUrl,
      (
        await api(baseUrl)<{ token: string }>('POST', '/api/v1/auth/login', {
          email: ADMIN.email,
          password: PASSWORD,
        })
      ).body.token,
    );
    const stats = await waitFor(
      async () => {
        const res = await asAdmin<AdminStats>('GET', '/api/v1/admin/stats?range=1h');
        const { now, series } = res.body;
        const sampled = series.t
          .map((t, i) => [t, series.connected_users[i]] as const)
          .filter(([t, v]) => t > seededUntil.getTime() && (v ?? 0) >= 4);
        const traffic = now.bandwidth_out_bytes_per_second ?? 0;
        return now.connected_users === 4 && sampled.length > 0 && traffic > 10_000 && res.body;
      },
      20_000,
      'samples of this run with 4 people and video flowing',
      500,
    );
    expect(stats.now).toMatchObject({ live_sessions: 2, recordings_running: 0 });
    expect(stats.now.health.livekit.ok).toBe(true);

    const context = await signedIn(ADMIN);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/live`);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');

    const rows = page.getByTestId('admin-session-row');
    await rows.nth(1).waitFor();
    const classRow = page.locator(`[data-session-id="${classId}"]`);
    expect(await classRow.locator('th').textContent()).toBe('Intro to WebRTC');
    expect(await classRow.locator('td').nth(0).textContent()).toBe('mira');
    expect(await classRow.locator('td').nth(2).textContent()).toBe('3');
    expect(await page.getByTestId('stat-people').textContent()).toMatch(/^People connected4/);
    // The card shows the newest sample's traffic; the page reads it again every 10 s.
    await expect
      .poll(async () => page.getByTestId('stat-bandwidth-out').textContent(), { timeout: 25_000 })
      .toMatch(/[kMG]b\/s$/);

    for (const chart of ['admin-chart-people', 'admin-chart-bandwidth', 'admin-chart-joins']) {
      await page.locator(`[data-testid="${chart}"] canvas`).waitFor();
      await expect.poll(async () => (await chartPixels(page, chart)).blue).toBeGreaterThan(300);
    }
    await screenshotWithChart(page, 'admin-chart-people', 'admin', 300);

    // End the class from the table: a confirmation, then it is over for everyone in it.
    await page.getByTestId(`admin-end-${classId}`).click();
    await page.getByTestId('confirm-ok').click();
    await classRow.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    const ended = await asAdmin<{ status: string }>('GET', `/api/v1/live/sessions/${classId}`);
    expect(ended.body.status).toBe('ended');
    await waitFor(
      () => !publisher!.room.isConnected && !rooms[0]!.isConnected,
      10_000,
      'the class’s clients to be disconnected',
    );

    // The audit log has it, by this admin.
    await page.getByTestId('admin-tab-audit').click();
    const entry = page.locator(
      `[data-testid="audit-row"][data-action="session_end"][data-actor-id="${admin.id}"]`,
    );
    await entry.waitFor();
    expect(await entry.locator('th').textContent()).toBe('Session ended');
    await context.close();
  });

  it('disables an account from the users tab: its sign-in ends at once', async () => {
    expect((await api(baseUrl, pupil.token)('GET', '/api/v1/auth/me')).status).toBe(200);
    const context = await signedIn(ADMIN);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin?tab=users`);
    await page.getByTestId('admin-user-search').fill('PUP');
    const found = page.getByTestId('admin-user-row');
    await expect.poll(async () => found.locator('th').allTextContents()).toEqual(['pupil']);
    // One's own account cannot be disabled.
    await page.getByTestId('admin-user-search').fill('');
    await page.getByTestId(`admin-disable-${admin.id}`).waitFor();
    expect(await page.getByTestId(`admin-disable-${admin.id}`).isDisabled()).toBe(true);

    await page.getByTestId(`admin-disable-${pupil.id}`).click();
    await page.getByTestId('confirm-ok').click();
    await page.locator(`[data-user-id="${pupil.id}"][data-disabled="true"]`).waitFor();
    expect(await page.getByTestId('admin-notice').textContent()).toBe('pupil is disabled.');
    expect((await api(baseUrl, pupil.token)('GET', '/api/v1/auth/me')).status).toBe(401);
    await context.close();
  });

  it('fits a phone: no sideways scrolling on any tab', async () => {
    const context = await signedIn(ADMIN, { width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin`);
    await page.getByTestId('admin-session-row').first().waitFor();
    await page.locator('[data-testid="admin-chart-people"] canvas').waitFor();
    await expect
      .poll(async () => (await chartPixels(page, 'admin-chart-people')).blue)
      .toBeGreaterThan(150);
    expect(await overflows(page)).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-phone.png'), fullPage: true });
    for (const tab of ['users', 'recordings', 'audit']) {
      await page.getByTestId(`admin-tab-${tab}`).click();
      await page.locator('[role="tabpanel"] .admin-card h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await overflows(page), tab).toBe(false);
    }
    await context.close();
  });
});
