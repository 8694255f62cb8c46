import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../support/app.js';
import { describeViolations, seriousViolations } from '../support/axe.js';
import { newContext, waitForDecodedFrames } from '../support/browser.js';
import { videoOf } from '../support/room.js';
import { teacherHosts } from '../support/teacher.js';

/**
 * axe-core on the page as it is, in the dark theme and then the light one (the app follows the
 * system's); each serious or critical violation is a soft failure, so one run lists them all.
 */
async function checkBothThemes(page: Page, where: string) {
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // The charts redraw on the change; one frame for it.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const found = await seriousViolations(page);
    expect.soft(found.length, describeViolations(`${where} (${scheme})`, found)).toBe(0);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
}

describe('accessibility (axe-core) of the main pages in both themes (issue 15)', () => {
  const e2e = useE2eApp({ teacher: true });

  it('finds no serious or critical violation on the plaza, pre-join, room and admin pages', async () => {
    // The teacher (an admin: the first account) starts a class and schedules another.
    const { hostContext, host, teacher, sessionId } = await teacherHosts(e2e, {
      title: 'Live class',
      session_type: 'broadcast',
    });
    const later = new Date(Date.now() + 86_400_000).toISOString();
    await hostContext.request.post(`${e2e.baseUrl}/api/v1/live/sessions`, {
      data: { title: 'Tomorrow’s class', session_type: 'meeting', scheduled_at: later },
    });

    // The plaza, with a live card and an upcoming one.
    await host.goto(`${e2e.baseUrl}/live`);
    await host.getByTestId(`join-${sessionId}`).waitFor();
    await checkBothThemes(host, 'plaza');

    // The pre-join: the host's (devices previewed) and a guest's (the name first).
    await host.getByTestId(`join-${sessionId}`).click();
    await host.getByTestId('join-button').waitFor();
    await checkBothThemes(host, 'pre-join (host)');
    const viewerContext = await newContext(e2e.browser);
    const viewer = await viewerContext.newPage();
    await viewer.goto(`${e2e.baseUrl}/live/${sessionId}`);
    await viewer.getByTestId('guest-name-input').waitFor();
    await checkBothThemes(viewer, 'pre-join (guest)');

    // The room with video on: the host publishing, the viewer watching.
    await host.getByTestId('join-button').click();
    await waitForDecodedFrames(host, videoOf(`user:${teacher.id}`), 1);
    await viewer.getByTestId('guest-name-input').fill('Vera');
    await viewer.getByTestId('guest-enter').click();
    await viewer.getByTestId('join-button').click();
    await waitForDecodedFrames(viewer, videoOf(`user:${teacher.id}`), 3);
    await host.getByText('Vera').first().waitFor();
    await checkBothThemes(host, 'room (host)');
    await checkBothThemes(viewer, 'room (viewer)');
    await viewerContext.close();

    // The admin page, its charts drawn.
    await host.goto(`${e2e.baseUrl}/admin`);
    await host.getByTestId('admin-page').waitFor();
    await host.locator('[data-testid="admin-chart-people"] canvas').waitFor();
    await checkBothThemes(host, 'admin');
    await hostContext.close();
    // Twelve axe passes on top of two joins: about 40 s on a busy machine.
  }, 120_000);
});
