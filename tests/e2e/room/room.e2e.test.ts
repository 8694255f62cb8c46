import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, screenshotLight, useE2eApp } from '../support/app.js';
import {
  getUserMediaCalls,
  signalConnections,
  newContext,
  waitForDecodedFrames,
} from '../support/browser.js';
import { enterRoom, joinAsGuest, videoOf } from '../support/room.js';
import { recordPeerConnections, sentVideoWidth } from '../support/rtc-stats.js';
import { TEACHER, teacherHosts } from '../support/teacher.js';

/**
 * The teacher, signed in in a fresh browser context that records its peer connections, starts a
 * session and joins it from the pre-join (camera and microphone on); resolves once their own
 * video decodes.
 */
async function hostLiveSession(
  e2e: { browser: Browser; baseUrl: string },
  title: string,
  type: 'broadcast' | 'meeting',
) {
  const hosting = await teacherHosts(e2e, { title, session_type: type }, recordPeerConnections);
  await enterRoom(hosting.host, e2e.baseUrl, hosting.sessionId);
  await waitForDecodedFrames(hosting.host, videoOf(`user:${hosting.teacher.id}`), 1);
  return hosting;
}

describe('the live room in Chromium with fake camera and microphone', () => {
  const e2e = useE2eApp({ teacher: true });

  it('carries a whole class: video, chat, hands, promotion, screen share, kick and the end', async () => {
    // A publisher's camera and microphone are on from the pre-join.
    const { hostContext, host, teacher, sessionId } = await hostLiveSession(
      e2e,
      'Live class',
      'broadcast',
    );
    expect(await host.getByTestId('toggle-camera').getAttribute('aria-pressed')).toBe('true');

    // The viewer comes from the plaza, as a guest.
    const viewerContext = await newContext(e2e.browser);
    const viewer = await viewerContext.newPage();
    await joinAsGuest(viewer, { baseUrl: e2e.baseUrl, sessionId, from: 'plaza' }, 'Vera');
    await waitForDecodedFrames(viewer, videoOf(`user:${teacher.id}`), 10);
    // The connection started as soon as the join answered is the one the room uses: one only.
    expect(await signalConnections(viewer)).toBe(1);
    await viewer.screenshot({ path: join(SCREENSHOTS, 'room-viewer.png') });
    await screenshotLight(viewer, 'room-viewer-light.png');

    // Chat both ways, and markup stays text.
    await viewer.getByTestId('chat-input').fill('Hello from the back row');
    await viewer.getByTestId('chat-send').click();
    await host.getByTestId('chat-text').filter({ hasText: 'Hello from the back row' }).waitFor();
    await host.getByTestId('chat-input').fill('Welcome, Vera');
    await host.getByTestId('chat-send').click();
    await viewer.getByTestId('chat-text').filter({ hasText: 'Welcome, Vera' }).waitFor();
    const xss = '<img src=x onerror=alert(1)>';
    await viewer.getByTestId('chat-input').fill(xss);
    await viewer.getByTestId('chat-send').click();
    const shown = host.getByTestId('chat-text').filter({ hasText: xss });
    await shown.waitFor();
    expect(await shown.textContent()).toBe(xss);
    expect(await host.locator('[data-testid="chat-text"] img').count()).toBe(0);

    // A raised hand, a promotion, and the viewer's camera on the host's page.
    const viewerMe = (await (
      await viewerContext.request.get(`${e2e.baseUrl}/api/v1/auth/me`)
    ).json()) as {
      user: { id: string };
    };
    const viewerId = viewerMe.user.id;
    await viewer.getByTestId('raise-hand').click();
    await host
      .locator(`[data-testid="participant-${viewerId}"][data-hand-raised="true"]`)
      .waitFor({ timeout: 10_000 });
    await host.getByTestId(`promote-${viewerId}`).click();
    await viewer.getByTestId('toggle-camera').click();
    await waitForDecodedFrames(host, videoOf(`guest:${viewerId}`), 5);
    // The host sees the raised hand drawn as an icon, and the controls say their state.
    expect(await host.getByTestId(`hand-${viewerId}`).locator('svg').count()).toBe(1);
    // The clicks above scrolled the page to the buttons; the docs show it from the top, as the
    // host sees the room.
    await host.evaluate(() => window.scrollTo(0, 0));
    await host.screenshot({ path: join(SCREENSHOTS, 'room-host.png') });
    await screenshotLight(host, 'room-host-light.png');

    // The host shares the screen; the viewer sees it.
    await host.getByTestId('toggle-screen-share').click();
    await waitForDecodedFrames(viewer, `video[data-lk-source="screen_share"]`, 5);

    // Recording: the host starts it, everyone sees that it is on; then it stops.
    await host.getByTestId('toggle-recording').click();
    await viewer.getByTestId('recording-indicator').waitFor({ timeout: 20_000 });
    await host.waitForTimeout(3_000);
    await host.getByTestId('toggle-recording').click();
    // The flag clears once the recorder has finished its file: slow when recording.int shares the CPU.
    await viewer.getByTestId('recording-indicator').waitFor({ state: 'detached', timeout: 45_000 });

    // A second viewer who never publishes: never asked for camera or microphone.
    const quietContext = await newContext(e2e.browser);
    const quiet = await quietContext.newPage();
    await joinAsGuest(quiet, { baseUrl: e2e.baseUrl, sessionId, from: 'link' }, 'Quinn');
    await waitForDecodedFrames(quiet, videoOf(`user:${teacher.id}`), 5);
    expect(await getUserMediaCalls(quiet)).toBe(0);

    // Kick: removed, and no way back.
    await host.getByTestId(`kick-${viewerId}`).click();
    await host.getByTestId('confirm-ok').click();
    await viewer.getByTestId('room-removed').waitFor({ timeout: 10_000 });
    await viewer.goto(`${e2e.baseUrl}/live/${sessionId}`);
    await viewer.getByTestId('join-button').click();
    await viewer.getByTestId('room-removed').waitFor({ timeout: 10_000 });

    // The end: the remaining viewer sees the ended screen.
    await host.getByTestId('end-session').click();
    await host.getByRole('button', { name: /end/i }).last().click();
    await quiet.getByTestId('room-ended').waitFor({ timeout: 10_000 });
    expect(await getUserMediaCalls(quiet)).toBe(0);

    // The audit log holds each moderation action of the class, done by the teacher, in order.
    const audit = await hostContext.request.get(
      `${e2e.baseUrl}/api/v1/admin/audit?session_id=${sessionId}`,
    );
    expect(audit.status()).toBe(200);
    const { entries } = (await audit.json()) as {
      entries: {
        action: string;
        actor: { id: string; name: string };
        target: { identity: string | null } | null;
      }[];
    };
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'participant_role_change',
      'recording_start',
      'recording_stop',
      'participant_kick',
      'session_end',
    ]);
    for (const entry of entries) {
      expect(entry.actor).toEqual({ id: teacher.id, name: TEACHER.username });
    }
    expect(entries.flatMap((e) => (e.target ? [e.target.identity] : []))).toEqual([
      `guest:${viewerId}`,
      `guest:${viewerId}`,
    ]);

    // The recording plays in the page, fetched with HTTP Range from our server.
    await host.goto(`${e2e.baseUrl}/live/${sessionId}/recordings`);
    await host
      .locator('[data-testid^="recording-"][data-status="complete"]')
      .waitFor({ timeout: 30_000 });
    const player = host.getByTestId('recording-player').first();
    await host.waitForFunction(
      () => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="recording-player"]');
        return !!v && v.readyState >= 1 && v.duration > 1;
      },
      undefined,
      { timeout: 15_000 },
    );
    expect(await player.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
    // Its links stand apart, though the report page (which shares their style) never loaded here.
    const back = await host.getByRole('link', { name: 'Back to the session' }).boundingBox();
    const report = await host.getByTestId('report-link').boundingBox();
    expect(report!.x - (back!.x + back!.width)).toBeGreaterThanOrEqual(8);
    await host.screenshot({ path: join(SCREENSHOTS, 'recordings.png') });

    await Promise.all([hostContext.close(), viewerContext.close(), quietContext.close()]);
    // A whole class in one test: two browsers, recording, screen share; about 50 s when loaded.
  }, 120_000);

  it('changes the published resolution with the video preset, and the level meter follows the microphone', async () => {
    const { hostContext: context, host: page } = await hostLiveSession(e2e, 'Presets', 'meeting');
    await page.waitForFunction(async () => true);
    await expect.poll(() => sentVideoWidth(page), { timeout: 15_000 }).toBe(1280);

    await page.getByTestId('open-settings').click();
    await page.getByLabel(/camera quality/i).selectOption('480p');
    await expect.poll(() => sentVideoWidth(page), { timeout: 15_000 }).toBe(640);

    const meter = page.getByRole('meter', { name: /microphone level/i });
    const levels = new Set<string | null>();
    for (let i = 0; i < 30; i += 1) {
      levels.add(await meter.getAttribute('aria-valuenow'));
      await page.waitForTimeout(100);
    }
    expect([...levels].some((v) => Number(v) > 0)).toBe(true);
    expect(levels.size).toBeGreaterThan(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'settings.png') });
    expect(await page.getByTestId('shortcut-microphone').textContent()).toBe('Ctrl+D');
    await page.getByTestId('settings-shortcuts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-shortcuts.png') });
    await page.keyboard.press('Escape');

    // The stage tile shows a muted microphone only while it is.
    const tile = page.locator('.stage-tile').first();
    expect(await tile.locator('.stage-mic-off').count()).toBe(0);

    // Ctrl+D and Ctrl+E turn the microphone and camera off and on again, as the buttons do.
    const pressed = (testId: string) => page.getByTestId(testId).getAttribute('aria-pressed');
    expect(await pressed('toggle-microphone')).toBe('true');
    await page.keyboard.press('Control+KeyD');
    await expect.poll(() => pressed('toggle-microphone')).toBe('false');
    await tile.locator('.stage-mic-off').waitFor();
    await page.keyboard.press('Control+KeyE');
    await expect.poll(() => pressed('toggle-camera')).toBe('false');
    await page.keyboard.press('Control+KeyE');
    await expect.poll(() => pressed('toggle-camera')).toBe('true');
    await page.keyboard.press('Control+KeyD');
    await expect.poll(() => pressed('toggle-microphone')).toBe('true');
    await tile.locator('.stage-mic-off').waitFor({ state: 'detached' });

    // The stage's layout switch.
    await page.getByTestId('layout-speaker').click();
    expect(await page.getByTestId('stage').getAttribute('data-layout')).toBe('speaker');
    expect(await page.getByTestId('layout-speaker').getAttribute('aria-pressed')).toBe('true');
    await context.close();
  });
});
