import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Cast } from './support/api.js';
import { tryPublish } from './support/media.js';
import { joinAsNewUser, waitForConnected, waitForTracks } from './support/participants.js';
import { waitFor } from './support/processes.js';
import { connectUntilRemoved } from './support/removed-on-join.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

const FORBIDDEN = ['roomAdmin', 'roomCreate', 'roomList', 'roomRecord', 'hidden', 'recorder'];

describe('roles and moderation, enforced by the real LiveKit server', () => {
  let stack: Stack;
  let c: Cast;
  const { clients } = useStack({
    env: { LIVEKIT_TOKEN_TTL: '5m' },
    onReady: (ready) => ({ stack, c } = ready),
  });

  /** A speaker in a new meeting, connected and publishing one track LiveKit has registered. */
  const publishingSpeaker = async () => {
    const s = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'meeting',
    });
    const speaker = await joinAsNewUser(c, clients, s.session_id);
    expect(await tryPublish(speaker.room)).toBe(true);
    await waitForConnected(c, s.session_id, speaker.joined.identity);
    await waitForTracks(stack, s.session_id, speaker.joined.identity, 1);
    return { sessionId: s.session_id, userId: speaker.user.id, identity: speaker.joined.identity };
  };

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
    const viewer = await joinAsNewUser(c, clients, s.session_id);
    expect(await tryPublish(viewer.room, 4_000)).toBe(false);
    const seen = await stack.livekit.roomService.getParticipant(
      s.session_id,
      viewer.joined.identity,
    );
    expect(seen.tracks).toHaveLength(0);

    const m = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'meeting',
    });
    const speaker = await joinAsNewUser(c, clients, m.session_id);
    expect(speaker.joined.role).toBe('speaker');
    expect(await tryPublish(speaker.room)).toBe(true);
  });

  it('promotes a connected viewer who then publishes without rejoining, and keeps the role on rejoin', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const viewer = await joinAsNewUser(c, clients, s.session_id);
    await waitForConnected(c, s.session_id, viewer.joined.identity);

    const promoted = await c.api.setRole(c.mentor.token, s.session_id, viewer.user.id, 'speaker');
    expect(promoted.status).toBe(200);
    expect(promoted.body.participant.role).toBe('speaker');
    const info = await stack.livekit.roomService.getParticipant(
      s.session_id,
      viewer.joined.identity,
    );
    expect(info.permission?.canPublish).toBe(true);
    expect(await tryPublish(viewer.room)).toBe(true);

    const again = await c.api.join(viewer.token, s.session_id);
    expect(again.body.role).toBe('speaker');
    expect(again.body.can_publish).toBe(true);
  });

  it('unpublishes a demoted speaker’s tracks within 5 s', async () => {
    const speaker = await publishingSpeaker();

    const started = Date.now();
    const demoted = await c.api.setRole(
      c.mentor.token,
      speaker.sessionId,
      speaker.userId,
      'viewer',
    );
    expect(demoted.status).toBe(200);
    await waitForTracks(stack, speaker.sessionId, speaker.identity, 0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lets nobody but the owner’s equals act on the host, and nobody act on a session they do not moderate', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const cohost = await c.api.register();
    await c.api.join(cohost.token, s.session_id);
    const made = await c.api.setRole(c.mentor.token, s.session_id, cohost.user.id, 'co_host');
    expect(made.status).toBe(200);

    const hostId = c.mentor.user.id;
    const onHost = await c.api.setRole(cohost.token, s.session_id, hostId, 'viewer');
    expect(onHost.status).toBe(403);
    expect((onHost.body as any).error.reason).toBe('cannot_act_on_host');
    const kickHost = await c.api.kick(cohost.token, s.session_id, hostId);
    expect(kickHost.status).toBe(403);
    expect((kickHost.body as any).error.reason).toBe('cannot_act_on_host');

    const stranger = await c.api.register();
    const target = await c.api.register();
    await c.api.join(target.token, s.session_id);
    const targetId = target.user.id;
    const byStranger = await c.api.setRole(stranger.token, s.session_id, targetId, 'speaker');
    expect(byStranger.status).toBe(403);
    expect((byStranger.body as any).error.reason).toBe('not_moderator');
    expect((await c.api.kick(stranger.token, s.session_id, targetId)).status).toBe(403);
    expect((await c.api.mute(stranger.token, s.session_id, targetId, 'microphone')).status).toBe(
      403,
    );
    const anonymous = await c.api.setRole(undefined, s.session_id, targetId, 'speaker');
    expect(anonymous.status).toBe(401);
    expect((anonymous.body as any).error.reason).toBe('sign_in_required');
    // Only the host's equals make co-hosts; nobody acts on themselves.
    const promote = await c.api.setRole(cohost.token, s.session_id, targetId, 'co_host');
    expect(promote.status).toBe(403);
    expect((promote.body as any).error.reason).toBe('host_only');
    const self = await c.api.kick(cohost.token, s.session_id, cohost.user.id);
    expect(self.status).toBe(409);
    expect((self.body as any).error.reason).toBe('cannot_act_on_self');
    // The host cannot be given away.
    expect((await c.api.setRole(c.mentor.token, s.session_id, targetId, 'host')).status).toBe(400);
    // A co-host moderates everyone else.
    expect((await c.api.setRole(cohost.token, s.session_id, targetId, 'speaker')).status).toBe(200);
  });

  it('kicks within 5 s, refuses the rejoin, removes a reconnect with the old token, and keeps the ban across a restart', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const user = await joinAsNewUser(c, clients, s.session_id);
    await waitForConnected(c, s.session_id, user.joined.identity);

    const started = Date.now();
    const kicked = await c.api.kick(c.mentor.token, s.session_id, user.user.id);
    expect(kicked.status).toBe(200);
    await waitFor(() => !user.room.isConnected, 5_000, 'the kicked client to be disconnected');
    expect(Date.now() - started).toBeLessThan(5_000);

    const rejoin = await c.api.join(user.token, s.session_id);
    expect(rejoin.status).toBe(403);
    expect((rejoin.body as any).error.code).toBe('FORBIDDEN');
    expect((rejoin.body as any).error.reason).toBe('banned');
    expect((rejoin.body as any).error.details).toEqual({ reason: 'banned' });

    // The old token is still valid for LiveKit; the server removes the identity on its join.
    const { removedAfterMs } = await connectUntilRemoved({
      livekitUrl: stack.livekitUrl,
      token: user.joined.access_token,
      identity: user.joined.identity,
      logs: () => stack.logs(),
    });
    expect(removedAfterMs).toBeLessThan(5_000);

    await stack.restartApp();
    expect((await c.api.join(user.token, s.session_id)).status).toBe(403);
  });

  it('mutes a speaker’s camera on request of the host and refuses an unknown source', async () => {
    const speaker = await publishingSpeaker();
    const res = await c.api.mute(c.mentor.token, speaker.sessionId, speaker.userId, 'camera');
    expect(res.status).toBe(200);
    expect(res.body.muted_tracks).toBe(1);
    const info = await stack.livekit.roomService.getParticipant(
      speaker.sessionId,
      speaker.identity,
    );
    expect(info.tracks.every((t) => t.muted)).toBe(true);
    const unknown = await c.api.mute(c.mentor.token, speaker.sessionId, speaker.userId, 'webcam');
    expect(unknown.status).toBe(400);
  });
});
