import { decodeJwt } from 'jose';
import type { Room } from '@livekit/rtc-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast } from './support/api.js';
import { connectClient, tryPublish } from './support/media.js';
import { waitFor } from './support/processes.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

const FORBIDDEN = ['roomAdmin', 'roomCreate', 'roomList', 'roomRecord', 'hidden', 'recorder'];

describe('roles and moderation, enforced by the real LiveKit server', () => {
  let stack: Stack;
  let c: Awaited<ReturnType<typeof cast>>;
  const rooms: Room[] = [];
  const connect = async (token: string) => {
    const room = await connectClient(stack.livekitUrl, token);
    rooms.push(room);
    return room;
  };
  const connectedInDb = (sessionId: string, identity: string, want: boolean) =>
    waitFor(
      async () => {
        const res = await c.api.call('GET', `/api/v1/live/sessions/${sessionId}/participants`, {
          token: c.mentor.token,
        });
        const p = (res.body.participants as { identity: string; connected: boolean }[]).find(
          (x) => x.identity === identity,
        );
        return p?.connected === want;
      },
      5_000,
      `${identity} connected=${want}`,
    );

  /** LiveKit registers a publication a moment after the client's publish resolves. */
  const waitForTracks = (sessionId: string, identity: string, count: number) =>
    waitFor(
      async () =>
        (await stack.livekit.roomService.getParticipant(sessionId, identity)).tracks.length ===
        count,
      5_000,
      `${count} published track(s) of ${identity}`,
    );

  beforeAll(async () => {
    stack = await startStack({ env: { LIVEKIT_TOKEN_TTL: '5m' } });
    c = await cast(stack);
  });

  afterAll(async () => {
    await Promise.all(rooms.map((r) => r.disconnect().catch(() => undefined)));
    await stack?.stop();
  });

  it('gives a viewer an explicit canPublish: false, no admin grants, and a token that lives at most LIVEKIT_TOKEN_TTL', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const viewer = await c.api.register();
    const joined = await c.api.join(viewer.token, s.session_id, {
      role: 'host',
      identity: 'user:evil',
      grants: { roomAdmin: true },
    });
    expect(joined.status).toBe(200);
    expect(joined.body.role).toBe('viewer');
    expect(joined.body.identity).toBe(`user:${viewer.user.id}`);
    expect(joined.body.can_publish).toBe(false);
    const claims = decodeJwt(joined.body.access_token) as {
      video: Record<string, unknown>;
      sub: string;
      exp: number;
      nbf: number;
    };
    expect(claims.sub).toBe(`user:${viewer.user.id}`);
    expect(claims.video.canPublish).toBe(false);
    for (const grant of FORBIDDEN) expect(claims.video[grant]).toBe(false);
    expect(claims.exp - claims.nbf).toBeLessThanOrEqual(300);

    const host = decodeJwt(s.host_token) as { video: Record<string, unknown> };
    for (const grant of FORBIDDEN) expect(host.video[grant]).toBe(false);
  });

  it('lets LiveKit refuse a viewer publishing and accept a speaker', async () => {
    const s = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'broadcast',
    });
    const viewer = await c.api.register();
    const v = await c.api.join(viewer.token, s.session_id);
    const viewerRoom = await connect(v.body.access_token);
    expect(await tryPublish(viewerRoom, 4_000)).toBe(false);
    const seen = await stack.livekit.roomService.getParticipant(s.session_id, v.body.identity);
    expect(seen.tracks).toHaveLength(0);

    const m = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'meeting',
    });
    const speaker = await c.api.register();
    const sp = await c.api.join(speaker.token, m.session_id);
    expect(sp.body.role).toBe('speaker');
    const speakerRoom = await connect(sp.body.access_token);
    expect(await tryPublish(speakerRoom)).toBe(true);
  });

  it('promotes a connected viewer who then publishes without rejoining, and keeps the role on rejoin', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const viewer = await c.api.register();
    const v = await c.api.join(viewer.token, s.session_id);
    const room = await connect(v.body.access_token);
    await connectedInDb(s.session_id, v.body.identity, true);

    const promoted = await c.api.call(
      'PATCH',
      `/api/v1/live/sessions/${s.session_id}/participants/${viewer.user.id}`,
      {
        token: c.mentor.token,
        body: { role: 'speaker' },
      },
    );
    expect(promoted.status).toBe(200);
    expect(promoted.body.participant.role).toBe('speaker');
    const info = await stack.livekit.roomService.getParticipant(s.session_id, v.body.identity);
    expect(info.permission?.canPublish).toBe(true);
    expect(await tryPublish(room)).toBe(true);

    const again = await c.api.join(viewer.token, s.session_id);
    expect(again.body.role).toBe('speaker');
    expect(again.body.can_publish).toBe(true);
  });

  it('unpublishes a demoted speaker’s tracks within 5 s', async () => {
    const s = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'meeting',
    });
    const speaker = await c.api.register();
    const sp = await c.api.join(speaker.token, s.session_id);
    const room = await connect(sp.body.access_token);
    expect(await tryPublish(room)).toBe(true);
    await connectedInDb(s.session_id, sp.body.identity, true);
    await waitForTracks(s.session_id, sp.body.identity, 1);

    const started = Date.now();
    const demoted = await c.api.call(
      'PATCH',
      `/api/v1/live/sessions/${s.session_id}/participants/${speaker.user.id}`,
      {
        token: c.mentor.token,
        body: { role: 'viewer' },
      },
    );
    expect(demoted.status).toBe(200);
    await waitFor(
      async () => {
        const info = await stack.livekit.roomService.getParticipant(s.session_id, sp.body.identity);
        return info.tracks.length === 0;
      },
      5_000,
      'the tracks to be unpublished',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lets nobody but the owner’s equals act on the host, and nobody act on a session they do not moderate', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const cohost = await c.api.register();
    await c.api.join(cohost.token, s.session_id);
    const made = await c.api.call(
      'PATCH',
      `/api/v1/live/sessions/${s.session_id}/participants/${cohost.user.id}`,
      {
        token: c.mentor.token,
        body: { role: 'co_host' },
      },
    );
    expect(made.status).toBe(200);

    const path = `/api/v1/live/sessions/${s.session_id}/participants/${c.mentor.user.id}`;
    expect(
      (await c.api.call('PATCH', path, { token: cohost.token, body: { role: 'viewer' } })).status,
    ).toBe(403);
    expect((await c.api.call('POST', `${path}/kick`, { token: cohost.token })).status).toBe(403);

    const stranger = await c.api.register();
    const target = await c.api.register();
    await c.api.join(target.token, s.session_id);
    const targetPath = `/api/v1/live/sessions/${s.session_id}/participants/${target.user.id}`;
    expect(
      (await c.api.call('PATCH', targetPath, { token: stranger.token, body: { role: 'speaker' } }))
        .status,
    ).toBe(403);
    expect((await c.api.call('POST', `${targetPath}/kick`, { token: stranger.token })).status).toBe(
      403,
    );
    expect(
      (
        await c.api.call('POST', `${targetPath}/mute`, {
          token: stranger.token,
          body: { source: 'microphone' },
        })
      ).status,
    ).toBe(403);
    expect((await c.api.call('PATCH', targetPath, { body: { role: 'speaker' } })).status).toBe(401);
    // The host cannot be given away.
    expect(
      (await c.api.call('PATCH', targetPath, { token: c.mentor.token, body: { role: 'host' } }))
        .status,
    ).toBe(400);
    // A co-host moderates everyone else.
    expect(
      (await c.api.call('PATCH', targetPath, { token: cohost.token, body: { role: 'speaker' } }))
        .status,
    ).toBe(200);
  });

  it('kicks within 5 s, refuses the rejoin, removes a reconnect with the old token, and keeps the ban across a restart', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const user = await c.api.register();
    const joined = await c.api.join(user.token, s.session_id);
    const room = await connect(joined.body.access_token);
    await connectedInDb(s.session_id, joined.body.identity, true);

    const started = Date.now();
    const kicked = await c.api.call(
      'POST',
      `/api/v1/live/sessions/${s.session_id}/participants/${user.user.id}/kick`,
      {
        token: c.mentor.token,
      },
    );
    expect(kicked.status).toBe(200);
    await waitFor(() => !room.isConnected, 5_000, 'the kicked client to be disconnected');
    expect(Date.now() - started).toBeLessThan(5_000);

    const rejoin = await c.api.join(user.token, s.session_id);
    expect(rejoin.status).toBe(403);
    expect((rejoin.body as any).error.code).toBe('FORBIDDEN');

    // The old token is still valid for LiveKit; the server removes the identity on its join.
    const sneaky = await connect(joined.body.access_token);
    const back = Date.now();
    await waitFor(() => !sneaky.isConnected, 5_000, 'the old-token connection to be removed');
    expect(Date.now() - back).toBeLessThan(5_000);

    await stack.restartApp();
    expect((await c.api.join(user.token, s.session_id)).status).toBe(403);
  });

  it('mutes a speaker’s camera on request of the host and refuses an unknown source', async () => {
    const s = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'meeting',
    });
    const speaker = await c.api.register();
    const sp = await c.api.join(speaker.token, s.session_id);
    const room = await connect(sp.body.access_token);
    expect(await tryPublish(room)).toBe(true);
    await connectedInDb(s.session_id, sp.body.identity, true);
    await waitForTracks(s.session_id, sp.body.identity, 1);
    const res = await c.api.call(
      'POST',
      `/api/v1/live/sessions/${s.session_id}/participants/${speaker.user.id}/mute`,
      {
        token: c.mentor.token,
        body: { source: 'camera' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.muted_tracks).toBe(1);
    const info = await stack.livekit.roomService.getParticipant(s.session_id, sp.body.identity);
    expect(info.tracks.every((t) => t.muted)).toBe(true);
    const unknown = await c.api.call(
      'POST',
      `/api/v1/live/sessions/${s.session_id}/participants/${speaker.user.id}/mute`,
      {
        token: c.mentor.token,
        body: { source: 'webcam' },
      },
    );
    expect(unknown.status).toBe(400);
  });
});
