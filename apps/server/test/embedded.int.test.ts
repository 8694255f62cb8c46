import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, backends } from './support/database.js';
import type { TestDatabase } from './support/database.js';
import { startApp } from './support/app-process.js';
import type { RunningApp } from './support/app-process.js';
import { publishSyntheticVideo, receiveVideoFrames } from './support/media.js';
import { livekitPids, waitFor } from './support/processes.js';

async function clientToken(app: RunningApp, room: string, identity: string, canPublish: boolean) {
  const { apiKey, apiSecret } = app.keys();
  const token = new AccessToken(apiKey, apiSecret, { identity, ttl: 300 });
  token.addGrant({ roomJoin: true, room, canPublish, canSubscribe: true, canPublishData: false });
  return token.toJwt();
}

describe.each(backends())('the app in embedded mode on %s', (backend) => {
  let db: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    app = await startApp({ dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    await app.waitReady();
  });

  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  it('answers /readyz with both parts ready and serves the web app at /', async () => {
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as {
      status: string;
      checks: Record<string, { ok: boolean }>;
    };
    expect(body.status).toBe('ready');
    expect(body.checks.database?.ok).toBe(true);
    expect(body.checks.livekit?.ok).toBe(true);

    const page = await fetch(`${app.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="root">');
  });

  it('carries video between two real clients: the subscriber decodes at least 10 frames', async () => {
    const { apiKey, apiSecret } = app.keys();
    const rooms = new RoomServiceClient(`http://127.0.0.1:${app.livekitPort}`, apiKey, apiSecret);
    const room = `media-${backend}`;
    // Auto-create is off: a room exists only once the API creates it.
    await expect(
      receiveVideoFrames(
        app.livekitUrl,
        await clientToken(app, 'no-such-room', 'x', false),
        1,
        3_000,
      ),
    ).rejects.toThrow();
    await rooms.createRoom({ name: room });

    const publisher = await publishSyntheticVideo(
      app.livekitUrl,
      await clientToken(app, room, 'pub', true),
    );
    try {
      const received = await receiveVideoFrames(
        app.livekitUrl,
        await clientToken(app, room, 'sub', false),
        10,
      );
      expect(received.frames).toBeGreaterThanOrEqual(10);
      expect(received.width).toBeGreaterThan(0);
      expect(received.height).toBeGreaterThan(0);
    } finally {
      await publisher.stop();
    }
    // LiveKit's signed webhooks reach the app and verify.
    await waitFor(() => app.output().includes('"event":"participant_joined"'), 10_000, 'a webhook');
  });

  it('never writes the LiveKit API secret to its output', () => {
    expect(app.output()).not.toContain(app.keys().apiSecret);
  });

  it('leaves no livekit-server process behind when stopped', async () => {
    expect(livekitPids(app.dataDir)).toHaveLength(1);
    const code = await app.stop();
    expect(code).toBe(0);
    expect(livekitPids(app.dataDir)).toEqual([]);
  });
});
