import { join } from 'node:path';
import type { Room } from '@livekit/rtc-node';
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../../../apps/server/test/support/media.js';
import { waitFor } from '../../../apps/server/test/support/processes.js';
import { apiOk } from '../support/api.js';
import { SCREENSHOTS, useE2eApp } from '../support/app.js';
import { newContext } from '../support/browser.js';
import { chartPixels, screenshotWithChart } from '../support/chart.js';
import { registerTeacher, signInTeacher } from '../support/teacher.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the attendance report in Chromium', () => {
  let baseUrl: string;
  let sessionId: string;
  const rooms: Room[] = [];
  const e2e = useE2eApp({
    beforeStop: () => Promise.all(rooms.map((r) => r.disconnect().catch(() => undefined))),
  });

  beforeAll(async () => {
    baseUrl = e2e.app.baseUrl;
    const livekitUrl = e2e.app.livekitUrl;

    // A short class with real clients: the teacher hosts throughout, three people come and go
    // (one of them twice, one with a name that is a spreadsheet formula), and the teacher ends
    // the session while two are still inside.
    const teacherToken = await registerTeacher(baseUrl);
    const asTeacher = apiOk(baseUrl, teacherToken);
    const created = await asTeacher<{ session_id: string }>('POST', '/api/v1/live/sessions', {
      title: 'Intro to WebRTC',
      session_type: 'meeting',
      start_now: true,
    });
    sessionId = created.session_id;
    const join = async (token: string, name?: string) =>
      (
        await apiOk(baseUrl, token)<{ access_token: string }>(
          'POST',
          `/api/v1/live/sessions/${sessionId}/join`,
          name ? { display_name: name } : {},
        )
      ).access_token;
    const guest = async (name: string) =>
      (
        await apiOk(baseUrl)<{ token: string }>('POST', '/api/v1/auth/guest', {
          display_name: name,
        })
      ).token;
    const connect = async (accessToken: string) => {
      const room = await connectClient(livekitUrl, accessToken);
      rooms.push(room);
      return room;
    };
    const people = async () =>
      (
        await asTeacher<{ participants: { connected: boolean }[] }>(
          'GET',
          `/api/v1/live/sessions/${sessionId}/participants`,
        )
      ).participants.filter((p) => p.connected).length;

    await connect(await join(teacherToken));
    const [ana, li, eve] = await Promise.all([
      guest('Ana García'),
      guest('李雷'),
      guest('=HYPERLINK("x")'),
    ]);
    const anaRoom = await connect(await join(ana));
    await sleep(300);
    await connect(await join(li));
    const eveRoom = await connect(await join(eve));
    await waitFor(async () => (await people()) === 4, 5_000, 'four people in the room');
    await sleep(300);
    await eveRoom.disconnect();
    await anaRoom.disconnect();
    await waitFor(async () => (await people()) === 2, 5_000, 'two left');
    await sleep(300);
    await connect(await join(ana));
    await waitFor(async () => (await people()) === 3, 5_000, 'Ana back');
    await sleep(300);
    await asTeacher('POST', `/api/v1/live/sessions/${sessionId}/end`);
  });

  async function signedIn(
    options: { width?: number; height?: number } = {},
  ): Promise<BrowserContext> {
    const context = await newContext(e2e.browser, options);
    await signInTeacher(context, baseUrl);
    return context;
  }

  it('is reached from the ended screen and shows the chart drawn, the people and the CSV', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/live/${sessionId}`);
    await page.getByTestId('room-ended').waitFor();
    await page.getByTestId('report-link').click();
    await page.getByTestId('report-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/live/${sessionId}/report`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Attendance: “Intro to WebRTC”',
    );

    const rows = page.getByTestId('attendee-row');
    await rows.first().waitFor();
    expect(await rows.locator('th').allTextContents()).toEqual([
      'teacher',
      'Ana García',
      '李雷',
      '=HYPERLINK("x")',
    ]);
    // Ana left and came back within the merge window: one stay. Li was still inside at the end.
    const ana = rows.filter({ hasText: 'Ana García' });
    expect(await ana.locator('td').nth(3).textContent()).toBe('1');
    expect(await page.getByTestId('report-peak').textContent()).toMatch(/^Peak: 4 people at once/);

    await page.locator('[data-testid="attendance-chart"] canvas').waitFor();
    await expect
      .poll(async () => (await chartPixels(page, 'attendance-chart')).blue, { timeout: 5_000 })
      .toBeGreaterThan(200);
    await screenshotWithChart(page, 'attendance-chart', 'report', 200);

    // The download link gives the CSV, with the formula neutralised.
    const href = await page.getByTestId('report-csv').getAttribute('href');
    const csv = await (await context.request.get(`${baseUrl}${href}`)).text();
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'display_name,user_id,identity,role,first_join,last_leave,joins,total_seconds',
    );
    expect(lines.some((l) => l.startsWith(`"'=HYPERLINK(""x"")",`))).toBe(true);
    await context.close();
  });

  it('fits a phone: no sideways scrolling, the chart as wide as the screen allows', async () => {
    const context = await signedIn({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/live/${sessionId}/report`);
    await page.getByTestId('attendee-row').first().waitFor();
    await page.locator('[data-testid="attendance-chart"] canvas').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth,
    );
    expect(overflow).toBe(false);
    await expect
      .poll(async () => (await chartPixels(page, 'attendance-chart')).blue)
      .toBeGreaterThan(100);
    await page.screenshot({ path: join(SCREENSHOTS, 'report-phone.png'), fullPage: true });
    await context.close();
  });

  it('tells a signed-in non-host plainly that the report is not theirs', async () => {
    const context = await newContext(e2e.browser);
    const res = await context.request.post(`${baseUrl}/api/v1/auth/register`, {
      data: { email: 'pupil@example.com', username: 'pupil', password: 'a long password' },
    });
    expect(res.status()).toBe(201);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/live/${sessionId}/report`);
    const alert = page.getByTestId('report-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Only the host, co-hosts and admins');
    await context.close();
  });
});
