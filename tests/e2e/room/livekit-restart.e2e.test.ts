import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { livekitPids, waitFor } from '../../../apps/server/test/support/processes.js';
import { useE2eApp } from '../support/app.js';
import { newContext, waitForDecodedFrames } from '../support/browser.js';
import { enterRoom, videoOf } from '../support/room.js';
import { registerTeacher, signInTeacher } from '../support/teacher.js';

/** The bound: a viewer sees the host again within this long after the kill. */
const BACK_WITHIN_MS = 15_000;

/**
 * Counts the frames the page decodes for `selector`, across the elements that show it (a
 * reconnection may render a new one), in `window.__decoded`.
 */
async function countDecodedFrames(page: Page, selector: string): Promise<void> {
  await page.evaluate((s) => {
    const w = window as unknown as { __decoded: number };
    w.__decoded = 0;
    let element: HTMLVideoElement | null = null;
    let seen = 0;
    setInterval(() => {
      const video = document.querySelector<HTMLVideoElement>(s);
      if (!video) return;
      const total = video.getVideoPlaybackQuality().totalVideoFrames;
      if (video !== element) {
        element = video;
        seen = 0;
      }
      if (total > seen && video.videoWidth > 0) w.__decoded += total - seen;
      seen = Math.max(seen, total);
    }, 50);
  }, selector);
}

const decoded = (page: Page) =>
  page.evaluate(() => (window as unknown as { __decoded: number }).__decoded);

describe('a class in Chromium when the embedded livekit-server is killed', () => {
  const e2e = useE2eApp();

  // Both ends are the web app itself: the host publishes Chromium's fake camera, the viewer is a
  // guest. Neither page is reloaded; LiveKit's client and the room page bring them back.
  it('the viewer sees the host again within 15 s, and both pages drop the banner', async () => {
    const { app, browser } = e2e;
    await registerTeacher(app.baseUrl);
    const hostContext = await newContext(browser);
    const teacher = await signInTeacher(hostContext, app.baseUrl);
    const created = await hostContext.request.post(`${app.baseUrl}/api/v1/live/sessions`, {
      data: { title: 'Restart drill', start_now: true },
    });
    const { session_id: sessionId } = (await created.json()) as { session_id: string };
    const host = await hostContext.newPage();
    await enterRoom(host, app.baseUrl, sessionId);
    const selector = videoOf(`user:${teacher.id}`);

    const context = await newContext(browser);
    const viewer = await context.newPage();
    await viewer.goto(`${app.baseUrl}/live/${sessionId}`);
    await viewer.getByTestId('guest-name-input').fill('Vera');
    await viewer.getByTestId('guest-enter').click();
    await viewer.getByTestId('join-button').click();
    await waitForDecodedFrames(viewer, selector, 10);
    await countDecodedFrames(viewer, selector);

    const [first] = livekitPids(app.dataDir);
    const killedAt = Date.now();
    process.kill(first!, 'SIGKILL');
    // The page says it lost the connection; frames decoded from then on are the new ones.
    await viewer.getByTestId('reconnecting-banner').waitFor({ timeout: 5_000 });
    const before = await decoded(viewer);
    await waitFor(
      async () => (await decoded(viewer)) >= before + 10,
      BACK_WITHIN_MS - (Date.now() - killedAt),
      'the viewer page to decode the host again',
      100,
    );
    const backMs = Date.now() - killedAt;
    // LiveKit's client calls itself connected once both peer connections are (a little after
    // the first frames).
    for (const page of [viewer, host]) {
      await page.getByTestId('reconnecting-banner').waitFor({ state: 'detached', timeout: 5_000 });
    }
    const clearedMs = Date.now() - killedAt;
    console.info(
      `livekit-server SIGKILL → Chromium viewer decoding the Chromium host again: ${backMs} ms; ` +
        `both banners gone at ${clearedMs} ms`,
    );
    expect(backMs).toBeLessThan(BACK_WITHIN_MS);
    expect(livekitPids(app.dataDir)).not.toContain(first);
    await context.close();
    await hostContext.close();
  });
});
