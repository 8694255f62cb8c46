import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../../../apps/server/test/support/api.js';
import { livekitPids, waitFor } from '../../../apps/server/test/support/processes.js';
import { rejoiningClient } from '../../../apps/server/test/support/rejoining-client.js';
import type { RejoiningClient } from '../../../apps/server/test/support/rejoining-client.js';
import { useE2eApp } from '../support/app.js';
import { newContext, waitForDecodedFrames } from '../support/browser.js';

/** The bound: a viewer sees the host again within this long after the kill. */
const BACK_WITHIN_MS = 15_000;

const hostVideo = (identity: string) =>
  `[data-identity="${identity}"] video[data-lk-source="camera"], video[data-identity="${identity}"][data-lk-source="camera"]`;

/**
 * Counts the frames the page decodes for `selector`, across the elements that show it (a
 * rejoin renders a new one), in `window.__decoded`.
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

describe('a viewer in Chromium when the embedded livekit-server is killed', () => {
  let host: RejoiningClient | undefined;
  const e2e = useE2eApp({ beforeStop: async () => host?.stop() });

  it('sees the host again within 15 s, without a reload', async () => {
    const { app } = e2e;
    const api = apiClient({ baseUrl: app.baseUrl });
    const teacher = await api.register();
    const { session_id: sessionId } = await api.createSession(teacher.token, { start_now: true });
    // The host is a client that rejoins through the API when LiveKit drops it, as the web app.
    host = await rejoiningClient({
      publish: true,
      join: async () => (await api.join(teacher.token, sessionId)).body,
    });
    const selector = hostVideo(`user:${teacher.user.id}`);

    const context = await newContext(e2e.browser);
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
    try {
      await waitFor(
        async () => (await decoded(viewer)) >= before + 10,
        BACK_WITHIN_MS - (Date.now() - killedAt),
        'the viewer page to decode the host again',
        100,
      );
    } finally {
      console.info(`host: ${host.events.join('; ')}`);
    }
    const backMs = Date.now() - killedAt;
    await viewer.getByTestId('reconnecting-banner').waitFor({ state: 'detached', timeout: 5_000 });
    console.info(
      `livekit-server SIGKILL → Chromium viewer decoding the host again: ${backMs} ms ` +
        `(host rejoins through the API: ${host.rejoins})`,
    );
    expect(backMs).toBeLessThan(BACK_WITHIN_MS);
    expect(livekitPids(app.dataDir)).not.toContain(first);
    await context.close();
  });
});
