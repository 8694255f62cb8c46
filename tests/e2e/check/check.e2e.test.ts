import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useE2eApp } from '../support/app.js';
import { newContext } from '../support/browser.js';
import { checkLineStates as states } from '../support/check-page.js';

describe('the connection check page in Chromium, before sign-in', () => {
  const e2e = useE2eApp();

  it('checks the loopback deployment: signal, video back through the server, codecs, no TURN offered, a verdict', async () => {
    const page = await (await newContext(e2e.browser)).newPage();
    let tokenRequests = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/check/token') tokenRequests += 1;
    });
    await page.goto(`${e2e.app.baseUrl}/check`);
    await page.getByRole('heading', { name: 'Connection check' }).waitFor();
    // Watched from outside the page's own counting: the loop-back <video> decodes frames while
    // the receiving participant is connected (it leaves once the line is done).
    const decoded = page.waitForFunction(
      () => {
        const video = document.querySelector<HTMLVideoElement>(
          '[data-testid="check-loopback-video"]',
        );
        const frames = video?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
        return frames >= 5 && video!.videoWidth > 0 ? frames : false;
      },
      undefined,
      { timeout: 30_000, polling: 20 },
    );
    const verdict = page.getByTestId('check-verdict');
    await page
      .locator('[data-testid="check-verdict"]:not([data-tone="running"])')
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="check-line-microphone"][data-state="ok"]').waitFor();

    expect(await states(page)).toEqual({
      signal: 'ok',
      media: 'ok',
      turn_udp: 'not_offered',
      turn_tcp: 'not_offered',
      turn_tls: 'not_offered',
      microphone: 'ok',
      codecs: 'ok',
    });
    expect(await page.getByTestId('check-line-signal-text').textContent()).toMatch(
      /\(LiveKit 1\.13\.5\) at 127\.0\.0\.1:\d+\.$/,
    );
    // The camera went out and came back through LiveKit, decoded in the page.
    const media = await page.getByTestId('check-line-media-text').textContent();
    expect(media).toMatch(/(\d+) frames of your camera came back/);
    expect(Number(/(\d+) frames/.exec(media!)![1])).toBeGreaterThanOrEqual(10);
    expect(await page.getByTestId('check-line-media-path').getAttribute('data-path')).toBe('udp');
    expect(await page.getByTestId('check-line-media-path').textContent()).toBe(
      'Media flows directly over UDP.',
    );
    expect(await (await decoded).jsonValue()).toBeGreaterThanOrEqual(5);
    // The last frame that came back stays on screen after the check has left the room.
    expect(await page.getByTestId('check-loopback-video').getAttribute('poster')).toMatch(
      /^data:image\/jpeg;base64,/,
    );
    for (const transport of ['udp', 'tcp', 'tls']) {
      expect(await page.getByTestId(`check-line-turn_${transport}-text`).textContent()).toBe(
        'Not offered by this server.',
      );
    }
    // Chromium sends VP8, H.264 (where built in) and Opus at least.
    expect(await page.getByTestId('check-codec-VP8').getAttribute('data-supported')).toBe('true');
    expect(await page.getByTestId('check-codec-Opus').getAttribute('data-supported')).toBe('true');
    expect(await verdict.getAttribute('data-tone')).toBe('ok');
    expect(await verdict.getAttribute('data-verdict')).toBe('all_good_no_turn');
    expect(await verdict.textContent()).toContain('Everything works from this network.');

    await page.screenshot({ path: join(SCREENSHOTS, 'check.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, 'check-phone.png'), fullPage: true });

    // Run again: a fresh room and tokens, every line from the start.
    const again = page.getByTestId('check-run-again');
    expect(await again.isDisabled()).toBe(false);
    await again.click();
    await page.locator('[data-testid="check-line-media"]:not([data-state="ok"])').waitFor();
    await page.locator('[data-testid="check-line-media"][data-state="ok"]').waitFor({
      timeout: 30_000,
    });
    await page
      .locator('[data-testid="check-verdict"][data-verdict="all_good_no_turn"]')
      .waitFor({ timeout: 30_000 });
    expect(tokenRequests).toBe(2);
    await page.context().close();
  });

  it('is linked from the pre-join, in the visitor’s language', async () => {
    const admin = await fetch(`${e2e.app.baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'a@example.com',
        username: 'admin',
        password: 'a long password',
      }),
    });
    const { token } = (await admin.json()) as { token: string };
    const created = await fetch(`${e2e.app.baseUrl}/api/v1/live/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Office hours', start_now: true }),
    });
    const { session_id: sessionId } = (await created.json()) as { session_id: string };

    const page = await (await newContext(e2e.browser, { locale: 'ko-KR' })).newPage();
    await page.goto(`${e2e.app.baseUrl}/live/${sessionId}`);
    const link = page.getByTestId('check-link');
    await link.waitFor();
    expect(await link.textContent()).toBe('연결 점검하기');
    await link.click();
    await page.getByRole('heading', { name: '연결 점검' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/check');
    await page.context().close();
  });
});
