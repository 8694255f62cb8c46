import { join } from 'node:path';
import { RoomServiceClient } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useE2eApp } from '../support/app.js';
import { newContext, waitForDecodedFrames } from '../support/browser.js';
import { enterRoom, videoOf } from '../support/room.js';
import { teacherHosts } from '../support/teacher.js';
import { publishOverWhip } from '../support/whip.js';

/**
 * Must-show of issue 15: a WHIP client with the stream key (a Chromium page doing what OBS does)
 * publishes; a viewer decodes it as the stage's main picture; after revoke the stream is removed
 * within 5 s, and the old key no longer ends up publishing.
 */
describe('streaming from OBS over WHIP (issue 15)', () => {
  // At info, the app logs each stream it removes on join (the proof that the old key's retry
  // joined and was thrown out, rather than failing on its own).
  const e2e = useE2eApp({ env: () => ({ LOG_LEVEL: 'info' }), teacher: true });

  /** When the app logged removing `identity` on its join after `since` (epoch ms). */
  async function waitForRemovalLog(identity: string, since: number, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of e2e.app.output().split('\n')) {
        if (!line.includes(identity) || !line.includes('participant on join')) continue;
        const { time } = JSON.parse(line) as { time: number };
        if (time >= since) return time;
      }
      if (Date.now() > deadline) throw new Error(`${identity} was not removed on join`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('publishes with the stream key, shows on the viewer stage, and is cut off by revoke', async () => {
    const { apiKey, apiSecret } = e2e.app.keys();
    const livekit = new RoomServiceClient(
      `http://127.0.0.1:${e2e.app.livekitPort}`,
      apiKey,
      apiSecret,
    );
    const { hostContext, host, sessionId } = await teacherHosts(e2e, {
      title: 'OBS class',
      session_type: 'broadcast',
    });
    const inRoom = async (identity: string) =>
      (await livekit.listParticipants(sessionId)).some((p) => p.identity === identity);

    // The host opens "Stream from OBS", creates a key and reads the URL and the key.
    await enterRoom(host, e2e.baseUrl, sessionId);
    await host.getByTestId('open-ingest').click();
    await host.getByTestId('ingest-ttl').selectOption('3600');
    await host.getByTestId('ingest-create').click();
    const keyInput = host.getByTestId('ingest-key');
    await keyInput.waitFor();
    expect(await keyInput.getAttribute('type')).toBe('password');
    await host.screenshot({ path: join(SCREENSHOTS, 'obs-dialog.png') });
    await host.getByTestId('ingest-key-show').click();
    expect(await keyInput.getAttribute('type')).toBe('text');
    const whipUrl = await host.getByTestId('ingest-url').inputValue();
    const streamKey = await keyInput.inputValue();
    expect(whipUrl).toBe(`http://127.0.0.1:${e2e.app.livekitPort}/whip/v1`);
    // The key is a LiveKit token: its subject is the identity the stream publishes as.
    const { sub: identity } = JSON.parse(
      Buffer.from(streamKey.split('.')[1]!, 'base64url').toString(),
    ) as { sub: string };
    expect(identity).toMatch(/^ingest:/);

    // "OBS": a page that does the WHIP exchange with the key.
    const obsContext = await newContext(e2e.browser);
    const obs = await obsContext.newPage();
    await obs.goto(`${e2e.baseUrl}/healthz`);
    const first = await publishOverWhip(obs, whipUrl, streamKey);
    expect(first.status, first.text).toBe(201);
    console.log(`WHIP publish: 201, video codec ${first.codec ?? 'unknown'}`);

    // A viewer (a guest) decodes it as the stage's main picture.
    const viewerContext = await newContext(e2e.browser);
    const viewer = await viewerContext.newPage();
    await viewerContext.request.post(`${e2e.baseUrl}/api/v1/auth/guest`, {
      data: { display_name: 'Viewer' },
    });
    await enterRoom(viewer, e2e.baseUrl, sessionId);
    await waitForDecodedFrames(viewer, `.stage-focus ${videoOf(identity)}`, 10);

    // Revoke from the dialog: LiveKit drops the stream and the viewer's stage loses it.
    await host.getByTestId('ingest-revoke').click();
    const revokedAt = Date.now();
    await host.getByTestId('ingest-revoke-confirm').click();
    const deadline = revokedAt + 5_000;
    while (await inRoom(identity)) {
      expect(Date.now(), 'the revoked stream still in the room').toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 50));
    }
    const goneFromLivekit = Date.now() - revokedAt;
    await viewer
      .locator(`[data-identity="${identity}"]`)
      .first()
      .waitFor({
        state: 'detached',
        timeout: Math.max(deadline - Date.now(), 1),
      });
    const goneFromViewer = Date.now() - revokedAt;
    console.log(
      `revoke → stream removed from LiveKit in ${goneFromLivekit} ms, gone from the viewer's stage in ${goneFromViewer} ms`,
    );
    expect(goneFromViewer).toBeLessThan(5_000);

    // The old key again: LiveKit may answer the exchange (it cannot revoke a token), but the
    // stream is removed as soon as it joins (the participant_joined webhook): a viewer may glimpse
    // it for that moment, then it is gone.
    const retriedAt = Date.now();
    const again = await publishOverWhip(obs, whipUrl, streamKey);
    if (again.status === 201) {
      const removal = await waitForRemovalLog(identity, retriedAt, 5_000);
      console.log(
        `old key again: WHIP 201, removed on join ${removal - retriedAt} ms after the POST`,
      );
      expect(removal - retriedAt).toBeLessThan(5_000);
    } else {
      console.log(`old key again: WHIP refused with ${again.status}`);
    }
    expect(await inRoom(identity)).toBe(false);
    await viewer
      .locator(`[data-identity="${identity}"]`)
      .first()
      .waitFor({
        state: 'detached',
        timeout: Math.max(retriedAt + 5_000 - Date.now(), 1),
      });

    for (const context of [obsContext, viewerContext, hostContext]) await context.close();
  });
});
