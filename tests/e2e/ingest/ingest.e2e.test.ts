import { join } from 'node:path';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, useE2eApp } from '../support/app.js';
import { newContext, waitForDecodedFrames } from '../support/browser.js';
import { enterRoom, videoOf } from '../support/room.js';
import { registerTeacher, signInTeacher } from '../support/teacher.js';
import { publishOverWhip, stopOverWhip } from '../support/whip.js';

/** The identity a stream key publishes as: its JWT's subject (`ingest:<key_id>`). */
function identityOf(streamKey: string): string {
  const payload = Buffer.from(streamKey.split('.')[1]!, 'base64url').toString();
  return (JSON.parse(payload) as { sub: string }).sub;
}

/** Waits until `identity`'s tile has left the page's stage, at most 5 s after `since`. */
async function leftStage(page: Page, identity: string, since: number) {
  await page
    .locator(`[data-identity="${identity}"]`)
    .first()
    .waitFor({ state: 'detached', timeout: Math.max(since + 5_000 - Date.now(), 1) });
}

/** Waits until the dialog's key field shows a key other than `previous` (a rotate's answer). */
async function waitForKeyOtherThan(keyInput: Locator, previous: string) {
  const deadline = Date.now() + 5_000;
  while ((await keyInput.inputValue()) === previous) {
    if (Date.now() > deadline) throw new Error('the dialog showed no new key');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Must-show of issue 15: a WHIP client with the stream key (a Chromium page doing what OBS does)
 * publishes through the app's WHIP gateway; a viewer decodes it as the stage's main picture;
 * after revoke the stream is removed within 5 s and the gateway refuses the old key (401), and
 * the same after a rotate. Sent straight to LiveKit's port, the old key is removed on join.
 */
describe('streaming from OBS over WHIP (issue 15)', () => {
  // At info, the app logs each stream it removes on join (the proof that the old key's retry
  // joined and was thrown out, rather than failing on its own).
  const e2e = useE2eApp({ env: () => ({ LOG_LEVEL: 'info' }) });
  let baseUrl: string;

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

  beforeAll(async () => {
    baseUrl = e2e.app.baseUrl;
    await registerTeacher(baseUrl);
  });

  it('publishes through the gateway, shows on the viewer stage, stops on DELETE; revoke and rotate cut the key off', async () => {
    const { apiKey, apiSecret } = e2e.app.keys();
    const livekit = new RoomServiceClient(
      `http://127.0.0.1:${e2e.app.livekitPort}`,
      apiKey,
      apiSecret,
    );
    const hostContext = await newContext(e2e.browser);
    const host = await hostContext.newPage();
    await signInTeacher(hostContext, baseUrl);
    const created = await hostContext.request.post(`${baseUrl}/api/v1/live/sessions`, {
      data: { title: 'OBS class', session_type: 'broadcast', start_now: true },
    });
    const { session_id: sessionId } = (await created.json()) as { session_id: string };
    const inRoom = async (identity: string) =>
      (await livekit.listParticipants(sessionId)).some((p) => p.identity === identity);
    /** How long after `since` LiveKit lost `identity` (asked of LiveKit); at most 5 s. */
    const goneWithin = async (identity: string, since: number) => {
      while (await inRoom(identity)) {
        expect(Date.now() - since, `${identity} still in the room`).toBeLessThan(5_000);
        await new Promise((r) => setTimeout(r, 50));
      }
      return Date.now() - since;
    };
    /** The gateway answers `key` with 401 `ingest_key_revoked`, and `identity` never joins. */
    const refusedByGateway = async (page: Page, url: string, key: string, identity: string) => {
      const answer = await publishOverWhip(page, url, key);
      expect(answer.status, answer.text).toBe(401);
      expect(JSON.parse(answer.text!)).toMatchObject({
        error: { code: 'UNAUTHENTICATED', reason: 'ingest_key_revoked' },
      });
      console.log(
        `old key through the gateway: 401 ingest_key_revoked, the POST ${answer.postMs} ms`,
      );
      for (let i = 0; i < 10; i += 1) {
        expect(await inRoom(identity), `${identity} joined after a 401`).toBe(false);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    // The host opens "Stream from OBS", creates a key and reads the URL and the key.
    await enterRoom(host, baseUrl, sessionId);
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
    // The app's WHIP gateway (PUBLIC_URL, here localhost and the app's port), not LiveKit's.
    expect(whipUrl).toBe(`http://localhost:${new URL(baseUrl).port}/whip/v1`);
    const livekitWhip = `http://127.0.0.1:${e2e.app.livekitPort}/whip/v1`;
    const identity = identityOf(streamKey);
    expect(identity).toMatch(/^ingest:/);

    // "OBS": a page (on another origin than the gateway's: CORS) doing the WHIP exchange.
    const obsContext = await newContext(e2e.browser);
    const obs = await obsContext.newPage();
    await obs.goto(`${baseUrl}/healthz`);
    const first = await publishOverWhip(obs, whipUrl, streamKey);
    expect(first.status, first.text).toBe(201);
    expect(first.location).toMatch(new RegExp(`^${whipUrl}/PA_`));
    console.log(
      `WHIP publish through the gateway: 201 (the POST ${first.postMs} ms), video codec ${first.codec ?? 'unknown'}`,
    );

    // A viewer (a guest) decodes it as the stage's main picture.
    const viewerContext = await newContext(e2e.browser);
    const viewer = await viewerContext.newPage();
    await viewerContext.request.post(`${baseUrl}/api/v1/auth/guest`, {
      data: { display_name: 'Viewer' },
    });
    await enterRoom(viewer, baseUrl, sessionId);
    const onStage = `.stage-focus ${videoOf(identity)}`;
    await waitForDecodedFrames(viewer, onStage, 10);

    // Stop Streaming: DELETE of the WHIP session through the gateway ends the stream.
    const stoppedAt = Date.now();
    expect(await stopOverWhip(obs, first.location!, streamKey)).toBe(200);
    const stopped = await goneWithin(identity, stoppedAt);
    console.log(`WHIP DELETE through the gateway → gone from LiveKit in ${stopped} ms`);

    // Streaming again with the same (still active) key; then the host revokes it from the dialog.
    const second = await publishOverWhip(obs, whipUrl, streamKey);
    expect(second.status, second.text).toBe(201);
    await waitForDecodedFrames(viewer, onStage, 10);
    await host.getByTestId('ingest-revoke').click();
    const revokedAt = Date.now();
    await host.getByTestId('ingest-revoke-confirm').click();
    const goneFromLivekit = await goneWithin(identity, revokedAt);
    await leftStage(viewer, identity, revokedAt);
    const goneFromViewer = Date.now() - revokedAt;
    console.log(
      `revoke → stream removed from LiveKit in ${goneFromLivekit} ms, gone from the viewer's stage in ${goneFromViewer} ms`,
    );
    expect(goneFromViewer).toBeLessThan(5_000);

    // The revoked key through the gateway: 401 ingest_key_revoked, and it never joins.
    await refusedByGateway(obs, whipUrl, streamKey, identity);

    // Rotate: a new key streams, "Rotate key" removes it, and the gateway refuses it after.
    await host.getByTestId('ingest-create').click();
    await waitForKeyOtherThan(keyInput, streamKey);
    const rotatedKey = await keyInput.inputValue();
    const rotatedIdentity = identityOf(rotatedKey);
    const third = await publishOverWhip(obs, whipUrl, rotatedKey);
    expect(third.status, third.text).toBe(201);
    await waitForDecodedFrames(viewer, `.stage-focus ${videoOf(rotatedIdentity)}`, 5);
    await host.getByTestId('ingest-create').click();
    const rotatedAt = Date.now();
    await waitForKeyOtherThan(keyInput, rotatedKey);
    const rotatedGone = await goneWithin(rotatedIdentity, rotatedAt);
    console.log(`rotate → the old key's stream removed from LiveKit in ${rotatedGone} ms`);
    await refusedByGateway(obs, whipUrl, rotatedKey, rotatedIdentity);

    // LiveKit's own port still takes the old key (it cannot revoke a token): the stream is
    // removed as soon as it joins (the participant_joined webhook), so a viewer may glimpse it
    // for that moment, then it is gone. Caddy sends /whip to the gateway, never here.
    const retriedAt = Date.now();
    const direct = await publishOverWhip(obs, livekitWhip, streamKey);
    if (direct.status === 201) {
      const removal = await waitForRemovalLog(identity, retriedAt, 5_000);
      console.log(
        `old key straight to LiveKit: WHIP 201, removed on join ${removal - retriedAt} ms after the POST`,
      );
      expect(removal - retriedAt).toBeLessThan(5_000);
    } else {
      console.log(`old key straight to LiveKit: WHIP refused with ${direct.status}`);
    }
    expect(await inRoom(identity)).toBe(false);
    await leftStage(viewer, identity, retriedAt);
    // The app logged every WHIP call (at info) and none of the keys.
    for (const key of [streamKey, rotatedKey, await keyInput.inputValue()]) {
      expect(e2e.app.output()).not.toContain(key.split('.')[2]);
    }

    for (const context of [obsContext, viewerContext, hostContext]) await context.close();
  });
});
