import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../../apps/server/test/support/api.js';
import { startJwtIssuer } from '../../../apps/server/test/support/jwt-issuer.js';
import type { JwtIssuer } from '../../../apps/server/test/support/jwt-issuer.js';
import { publishSyntheticVideo } from '../../../apps/server/test/support/media.js';
import type { Publisher } from '../../../apps/server/test/support/media.js';
import { waitFor } from '../../../apps/server/test/support/processes.js';
import { SCREENSHOTS, useE2eApp } from '../support/app.js';
import { getUserMediaCalls, newContext, waitForDecodedFrames } from '../support/browser.js';
import {
  callRoom,
  embedFrame,
  recordedEvents,
  startHostSite,
  waitForEvent,
} from '../support/host-site.js';
import type { HostSite } from '../support/host-site.js';
import { videoOf } from '../support/room.js';

/**
 * Issue 14: the room embedded in another site's page through `/embed.js`, in Chromium, with a
 * host publishing a synthetic camera from a real LiveKit client. The host sites are tiny HTTP
 * servers on loopback (`http://localhost:<port>`), another site than the app
 * (`http://127.0.0.1:<port>`): one listed in EMBED_ORIGINS, one not.
 */
/** In the page and its frames: counts the early videos (see useEarlyVideo) ever added. */
function countEarlyVideos() {
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLElement && node.classList.contains('stage-early-video')) {
          const w = window as { __earlyVideos?: number };
          w.__earlyVideos = (w.__earlyVideos ?? 0) + 1;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

describe('the room embedded in another site, in Chromium', () => {
  let listed: HostSite;
  let unlisted: HostSite;
  let issuer: JwtIssuer;
  let host: Publisher | undefined;
  let sessionId: string;
  let hostIdentity: string;

  beforeAll(async () => {
    [listed, unlisted, issuer] = await Promise.all([
      startHostSite(() => e2e.app.baseUrl),
      startHostSite(() => e2e.app.baseUrl),
      startJwtIssuer(),
    ]);
  });
  const e2e = useE2eApp({
    beforeStop: async () => host?.stop(),
    env: () => ({
      EMBED_ORIGINS: listed.origin,
      AUTH_JWT_SECRET: issuer.secret,
      AUTH_JWT_ISSUER: issuer.issuer,
      AUTH_JWT_AUDIENCE: issuer.audience,
    }),
  });
  beforeAll(async () => {
    const api = apiClient(e2e.app);
    const teacher = await api.register();
    ({ session_id: sessionId } = await api.createSession(teacher.token, {
      title: 'Algebra, week 3',
      session_type: 'broadcast',
      start_now: true,
    }));
    const joined = await api.join(teacher.token, sessionId);
    hostIdentity = joined.body.identity;
    host = await publishSyntheticVideo(e2e.app.livekitUrl, joined.body.access_token);
  });
  afterAll(async () => {
    await Promise.all([listed?.close(), unlisted?.close(), issuer?.close()]);
  });

  it('signs the site’s user in with its JWT, shows the host’s video in the frame, and obeys leave', async () => {
    const context = await newContext(e2e.browser);
    await context.addInitScript(countEarlyVideos);
    const page = await context.newPage();
    const token = await issuer.sign({ sub: `student-${randomUUID()}`, name: 'Ada' });
    await page.goto(listed.pageUrl(sessionId, token));

    expect(await waitForEvent(page, 'ready')).toEqual({ session_id: sessionId });
    const frame = await embedFrame(page);
    // Signed in by the hand-off (the frame's own cookie): straight to the join button.
    await frame.getByTestId('join-button').click();
    const joined = await waitForEvent(page, 'joined');
    expect(joined).toMatchObject({ session_id: sessionId, role: 'viewer' });
    expect(joined.identity).toMatch(/^user:/);

    // The host's synthetic camera, decoded inside the frame.
    await waitForDecodedFrames(frame, videoOf(hostIdentity), 10);
    // Its only track came with the join: attached before its tile rendered, over the stage, then
    // the tile's own video took over (useEarlyVideo).
    await frame.waitForFunction(() => !document.querySelector('.stage-early-video'));
    expect(await frame.evaluate(() => (window as { __earlyVideos?: number }).__earlyVideos)).toBe(
      1,
    );
    // A viewer is never asked for camera or microphone.
    expect(await getUserMediaCalls(frame)).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'embed.png') });

    await callRoom(page, 'raiseHand');
    expect(await waitForEvent(page, 'hand-raised')).toEqual({
      session_id: sessionId,
      raised: true,
    });

    await callRoom(page, 'leave');
    expect(await waitForEvent(page, 'left')).toEqual({ session_id: sessionId });
    await frame.getByTestId('room-left').waitFor();
    // Left LiveKit too: the API no longer counts them as connected.
    const api = apiClient(e2e.app);
    await waitFor(
      async () => {
        const res = await api.call<{ participants: { identity: string; connected: boolean }[] }>(
          'GET',
          `/api/v1/live/sessions/${sessionId}/participants`,
          { token: (await api.guest()).token },
        );
        return res.body.participants.some((p) => p.identity === joined.identity && !p.connected);
      },
      10_000,
      'the embedded viewer to be gone from the room',
      200,
    );
    expect((await recordedEvents(page)).map((e) => e.name)).toEqual([
      'ready',
      'joined',
      'hand-raised',
      'left',
    ]);
    await context.close();
  });

  it('lets a guest in, with the frame’s own cookie', async () => {
    const context = await newContext(e2e.browser);
    const page = await context.newPage();
    await page.goto(listed.pageUrl(sessionId));
    await waitForEvent(page, 'ready');
    const frame = await embedFrame(page);
    await frame.getByTestId('guest-name-input').fill('Vera');
    await frame.getByTestId('guest-enter').click();
    await frame.getByTestId('join-button').click();
    const joined = await waitForEvent(page, 'joined');
    expect(joined).toMatchObject({ session_id: sessionId, role: 'viewer' });
    expect(joined.identity).toMatch(/^guest:/);
    // The cookie is the frame's alone: the site's own pages do not get it.
    const cookies = await context.cookies(e2e.app.baseUrl);
    expect(cookies.map((c) => c.name)).not.toContain('stagecast_token');
    await context.close();
  });

  it('cannot be framed by a page on an origin EMBED_ORIGINS does not list', async () => {
    const context = await newContext(e2e.browser);
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.text().includes('frame-ancestors')) refused.push(message.text());
    });
    await page.goto(unlisted.pageUrl(sessionId));
    await page.waitForFunction(
      () => (window as unknown as { __frameLoaded: boolean }).__frameLoaded,
    );
    await waitFor(async () => refused.length > 0, 5_000, 'the CSP refusal of the frame', 50);
    expect(refused[0]).toContain(`frame-ancestors ${listed.origin}`);
    // The browser put its error page in the frame: no room, no event.
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame?.url()).not.toContain('/embed/');
    await page.waitForTimeout(1_000);
    expect(await recordedEvents(page)).toEqual([]);
    await context.close();
  });
});
