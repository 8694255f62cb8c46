import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useE2eApp } from '../support/app.js';
import { newContext } from '../support/browser.js';

/** Signs the mentor in on `page` and opens the create page. */
async function openCreateAsMentor(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill('mentor@example.com');
  await page.getByTestId('login-password').fill('a long password');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('signed-in-as').waitFor();
  await page.goto(`${baseUrl}/live/create`);
}

describe('plaza, sign-up and create, in Chromium', () => {
  // A newcomer's first run: `npm start` on PGlite, whatever database the run has.
  const e2e = useE2eApp({ backend: 'pglite' });

  it('lets a mentor sign up, create a session, and shows it live in a plaza that was already open', async () => {
    const visitor = await (await newContext(e2e.browser)).newPage();
    await visitor.goto(`${e2e.app.baseUrl}/live`);
    await visitor.getByRole('heading', { name: 'Plaza' }).waitFor();
    await visitor.getByText('Nobody is live right now.').waitFor();

    const host = await (await newContext(e2e.browser)).newPage();
    await host.goto(`${e2e.app.baseUrl}/register`);
    await host.getByTestId('register-email').fill('mentor@example.com');
    await host.getByTestId('register-username').fill('mentor');
    await host.getByTestId('register-password').fill('a long password');
    await host.getByTestId('register-submit').click();
    await host.getByTestId('signed-in-as').waitFor();
    await host.getByTestId('create-session').click();
    await host.getByTestId('create-title').fill('Intro to WebRTC <b>bold?</b>');
    await host.getByTestId('create-submit').click();
    await host.getByTestId('session-created').waitFor();

    // No reload: the plaza polls.
    const card = visitor.locator('[data-testid="live-sessions"] article');
    await card.first().waitFor({ timeout: 15_000 });
    expect(await card.first().locator('h3').textContent()).toBe('Intro to WebRTC <b>bold?</b>');
    expect(await card.first().textContent()).toContain('Host: mentor');
    await visitor.screenshot({ path: join(SCREENSHOTS, 'plaza.png'), fullPage: true });
    await visitor.context().close();
    await host.context().close();
  });

  it('gives a private session an invite link to copy', async () => {
    const page = await (await newContext(e2e.browser)).newPage();
    await openCreateAsMentor(page, e2e.app.baseUrl);
    await page.getByTestId('create-title').fill('Office hours');
    await page.getByTestId('create-private').check();
    await page.getByTestId('create-schedule').check();
    await page.getByTestId('create-when').fill('2030-01-02T10:30');
    await page.getByTestId('create-submit').click();
    const link = await page.getByTestId('invite-link').inputValue();
    expect(link).toMatch(
      new RegExp(
        `^${e2e.app.baseUrl.replace('127.0.0.1', 'localhost').replace(/:\d+$/, '')}|/live/[0-9a-f-]{36}\\?invite=`,
      ),
    );
    expect(link).toContain('?invite=');
    await page.context().close();
  });

  it('shows an upcoming session in the reader time zone and hands its calendar event over', async () => {
    // A mentor in Seoul schedules 09:00 there; a reader in New York sees 19:00 the day before.
    const seoul = await newContext(e2e.browser, { timezoneId: 'Asia/Seoul' });
    const page = await seoul.newPage();
    await openCreateAsMentor(page, e2e.app.baseUrl);
    await page.getByTestId('create-title').fill('Morning algebra');
    await page.getByTestId('create-schedule').check();
    await page.getByTestId('create-when').fill('2030-03-10T09:00');
    await page.getByTestId('create-submit').click();
    await page.getByTestId('session-created').waitFor();

    const reader = await newContext(e2e.browser, { timezoneId: 'America/New_York' });
    const plaza = await reader.newPage();
    await plaza.goto(`${e2e.app.baseUrl}/live`);
    const card = plaza.locator('article', { hasText: 'Morning algebra' });
    await card.waitFor();
    const start = card.getByTestId('session-start');
    expect(await start.getAttribute('datetime')).toBe('2030-03-10T00:00:00.000Z');
    // ICU may put a narrow no-break space before PM.
    const shown = (await start.textContent())?.replace(/\s/g, ' ');
    expect(shown).toBe('Starts Sat, Mar 9, 2030, 7:00 PM EST');
    await plaza.screenshot({ path: join(SCREENSHOTS, 'plaza-upcoming.png'), fullPage: true });

    // The link downloads an .ics whose start is the same instant.
    const link = card.getByRole('link', { name: 'Add to calendar: Morning algebra' });
    const [download] = await Promise.all([plaza.waitForEvent('download'), link.click()]);
    const ics = readFileSync(await download.path(), 'utf8');
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!,
    );
    expect(event.summary).toBe('Morning algebra');
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-03-10T00:00:00.000Z');
    await Promise.all([seoul.close(), reader.close()]);
  });

  it.each([
    ['zh-CN', '广场', '正在直播', '加载中…'],
    ['ko', '광장', '지금 라이브', '불러오는 중…'],
  ])(
    'renders in %s, chosen from the browser, and remembers a switch',
    async (locale, plaza, live, loading) => {
      const context = await newContext(e2e.browser, { locale });
      const page = await context.newPage();
      await page.goto(`${e2e.app.baseUrl}/live`);
      await page.getByRole('heading', { name: plaza }).waitFor();
      await page.getByRole('heading', { name: live }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
      // The screenshot shows the lists, not their loading line.
      await expect.poll(() => page.getByText(loading).count(), { timeout: 10_000 }).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, `plaza-${locale}.png`) });
      await page.getByRole('combobox').first().selectOption('en');
      await page.getByRole('heading', { name: 'Plaza' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Plaza' }).waitFor();
      await context.close();
    },
  );

  it('works at phone width with every header control reachable by keyboard', async () => {
    const page = await (await newContext(e2e.browser, { width: 390, height: 844 })).newPage();
    await page.goto(`${e2e.app.baseUrl}/live`);
    await page.getByRole('heading', { name: 'Plaza' }).waitFor();
    // The header is whole, account controls included, once the page knows nobody is signed in.
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth,
    );
    expect(overflow).toBe(false);
    const reached = new Set<string>();
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      reached.add(
        await page.evaluate(
          () =>
            document.activeElement?.textContent?.trim() ||
            document.activeElement?.getAttribute('aria-label') ||
            '',
        ),
      );
    }
    expect([...reached].some((x) => x.includes('Sign in'))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'plaza-phone.png') });
    await page.context().close();
  });
});
