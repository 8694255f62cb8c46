import { describe, expect, it } from 'vitest';
import type { Cast } from './support/api.js';
import { waitForParticipantCount } from './support/participants.js';
import { waitFor } from './support/processes.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

describe('sessions: create, read, change, go live, end, delete', () => {
  let stack: Stack;
  let c: Cast;
  const { clients } = useStack({ onReady: (ready) => ({ stack, c } = ready) });

  it('lets admins and mentors create sessions, and nobody else', async () => {
    const user = await c.api.register();
    const guest = await c.api.guest();
    const body = { title: 'Nope' };
    const anonymous = await c.api.call('POST', '/api/v1/live/sessions', { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.reason).toBe('sign_in_required');
    const plain = await c.api.call('POST', '/api/v1/live/sessions', { token: user.token, body });
    expect(plain.status).toBe(403);
    expect(plain.body.error.reason).toBe('role_required');
    expect(
      (await c.api.call('POST', '/api/v1/live/sessions', { token: guest.token, body })).status,
    ).toBe(403);
    const created = await c.api.call('POST', '/api/v1/live/sessions', {
      token: c.admin.token,
      body: { title: 'By the admin', owner_id: user.user.id, status: 'live' },
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(
      ['created_at', 'host_token', 'invite_link', 'message', 'server_url', 'session_id'].sort(),
    );
    const read = await c.api.call('GET', `/api/v1/live/sessions/${created.body.session_id}`);
    expect(read.body.owner_id).toBe(c.admin.user.id);
    expect(read.body.status).toBe('scheduled');
  });

  it('shows every contract field, the host and the live participant count', async () => {
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const s = await c.api.createSession(c.mentor.token, {
      title: 'Go patterns',
      description: 'Channels and select',
      session_type: 'meeting',
      max_participants: 30,
      is_recorded: true,
      scheduled_at: at,
    });
    const read = await c.api.call('GET', `/api/v1/live/sessions/${s.session_id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      session_id: s.session_id,
      owner_id: c.mentor.user.id,
      title: 'Go patterns',
      description: 'Channels and select',
      session_type: 'meeting',
      status: 'scheduled',
      max_participants: 30,
      is_public: true,
      is_recorded: true,
      scheduled_at: at,
      started_at: null,
      ended_at: null,
      participant_count: 0,
      host: { id: c.mentor.user.id, username: c.mentor.user.username },
    });
  });

  it('goes live with a room, counts connected participants, and ends with every client gone', async () => {
    const s = await c.api.createSession(c.mentor.token);
    const started = await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/start`, {
      token: c.mentor.token,
    });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('live');
    expect(started.body.started_at).not.toBeNull();
    const user = await c.api.register();
    const joined = await c.api.join(user.token, s.session_id);
    const room = await clients.connect(joined.body.access_token);
    await waitForParticipantCount(c, s.session_id, 1);
    const ended = await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/end`, {
      token: c.mentor.token,
    });
    expect(ended.body.status).toBe('ended');
    expect(ended.body.ended_at).not.toBeNull();
    expect(ended.body.participant_count).toBe(0);
    await waitFor(() => !room.isConnected, 5_000, 'the client to be disconnected');
    const patch = await c.api.call('PATCH', `/api/v1/live/sessions/${s.session_id}`, {
      token: c.mentor.token,
      body: { title: 'Too late' },
    });
    expect(patch.status).toBe(409);
    expect(patch.body.error.reason).toBe('ended');
    expect(patch.body.error.details).toEqual({ status: 'ended' });
  });

  it('changes only for its owner or an admin, and validates each field', async () => {
    const s = await c.api.createSession(c.mentor.token);
    const other = await c.api.register();
    const path = `/api/v1/live/sessions/${s.session_id}`;
    const notMine = await c.api.call('PATCH', path, {
      token: other.token,
      body: { title: 'Mine' },
    });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.reason).toBe('not_owner');
    expect((await c.api.call('POST', `${path}/start`, { token: other.token })).status).toBe(403);
    expect((await c.api.call('DELETE', path, { token: other.token })).status).toBe(403);
    const changed = await c.api.call('PATCH', path, {
      token: c.mentor.token,
      body: { title: 'Renamed', max_participants: 5, is_public: false },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ title: 'Renamed', max_participants: 5, is_public: false });
    const byAdmin = await c.api.call('PATCH', path, {
      token: c.admin.token,
      body: { description: 'Admin note' },
    });
    expect(byAdmin.body.description).toBe('Admin note');
    for (const body of [
      { title: '' },
      { max_participants: -1 },
      { session_type: 'webinar' },
      { scheduled_at: 'soon' },
    ]) {
      const res = await c.api.call('PATCH', path, { token: c.mentor.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`body.${Object.keys(body)[0]}`);
    }
  });

  it('deletes a live session by ending it first', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    expect(await stack.livekit.roomService.listRooms([s.session_id])).toHaveLength(1);
    const res = await c.api.call('DELETE', `/api/v1/live/sessions/${s.session_id}`, {
      token: c.mentor.token,
    });
    expect(res.status).toBe(204);
    expect(await stack.livekit.roomService.listRooms([s.session_id])).toHaveLength(0);
    expect((await c.api.call('GET', `/api/v1/live/sessions/${s.session_id}`)).status).toBe(404);
  });

  it('lists live sessions first, filters by status, and pages', async () => {
    const live = await c.api.createSession(c.mentor.token, { start_now: true, title: 'Live one' });
    await c.api.createSession(c.mentor.token, { title: 'Later one' });
    const all = await c.api.call('GET', '/api/v1/live/sessions?page_size=100');
    const statuses = (all.body.sessions as { status: string }[]).map((s) => s.status);
    expect(statuses.indexOf('scheduled')).toBeGreaterThan(statuses.lastIndexOf('live'));
    const onlyLive = await c.api.call('GET', '/api/v1/live/sessions?status=live&page_size=100');
    expect((onlyLive.body.sessions as { status: string }[]).every((s) => s.status === 'live')).toBe(
      true,
    );
    expect(
      (onlyLive.body.sessions as { session_id: string }[]).some(
        (s) => s.session_id === live.session_id,
      ),
    ).toBe(true);
    const page = await c.api.call('GET', '/api/v1/live/sessions?page=2&page_size=1');
    expect(page.body).toMatchObject({ page: 2, page_size: 1 });
    expect(page.body.sessions).toHaveLength(1);
    expect(page.body.total).toBe(all.body.total);
    for (const q of ['status=paused', 'page=0', 'page_size=1000', 'is_public=maybe']) {
      expect((await c.api.call('GET', `/api/v1/live/sessions?${q}`)).status).toBe(400);
    }
  });

  it('lets a connected participant raise a hand that the host sees, and not someone who is not there', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const user = await c.api.register();
    const path = `/api/v1/live/sessions/${s.session_id}/hand`;
    const absent = await c.api.call('POST', path, { token: user.token, body: { raised: true } });
    expect(absent.status).toBe(409);
    expect(absent.body.error.reason).toBe('not_joined');
    const joined = await c.api.join(user.token, s.session_id);
    await clients.connect(joined.body.access_token);
    await waitFor(
      async () =>
        (await c.api.call('POST', path, { token: user.token, body: { raised: true } })).status ===
        200,
      5_000,
      'the hand to go up',
    );
    const list = await c.api.call('GET', `/api/v1/live/sessions/${s.session_id}/participants`, {
      token: c.mentor.token,
    });
    const me = (
      list.body.participants as { user_id: string; hand_raised: boolean; connected: boolean }[]
    ).find((p) => p.user_id === user.user.id);
    expect(me).toMatchObject({ hand_raised: true, connected: true });
    expect(
      (await c.api.call('POST', path, { token: user.token, body: { raised: 'yes' } })).status,
    ).toBe(400);
  });

  it('answers 503 and stays scheduled when LiveKit cannot create the room', async () => {
    const s = await c.api.createSession(c.mentor.token);
    await stack.livekit.supervisor!.stop();
    try {
      const res = await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/start`, {
        token: c.mentor.token,
      });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect((await c.api.call('GET', `/api/v1/live/sessions/${s.session_id}`)).body.status).toBe(
        'scheduled',
      );
      expect((await fetch(`${stack.baseUrl}/readyz`)).status).toBe(503);
    } finally {
      await stack.livekit.supervisor!.start();
    }
    const res = await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/start`, {
      token: c.mentor.token,
    });
    expect(res.status).toBe(200);
  });

  it('documents every route in the generated OpenAPI document', async () => {
    const doc = (await (await fetch(`${stack.baseUrl}/api/docs/json`)).json()) as {
      paths: Record<string, object>;
    };
    for (const path of [
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/auth/guest',
      '/api/v1/auth/me',
      '/api/v1/auth/logout',
      '/api/v1/admin/users/{user_id}',
      '/api/v1/live/sessions',
      '/api/v1/live/sessions/{session_id}',
      '/api/v1/live/sessions/{session_id}/start',
      '/api/v1/live/sessions/{session_id}/end',
      '/api/v1/live/sessions/{session_id}/join',
      '/api/v1/live/sessions/{session_id}/invite',
      '/api/v1/live/sessions/{session_id}/participants',
      '/api/v1/live/sessions/{session_id}/participants/{user_id}',
      '/api/v1/live/sessions/{session_id}/participants/{user_id}/kick',
      '/api/v1/live/sessions/{session_id}/participants/{user_id}/mute',
      '/api/v1/live/sessions/{session_id}/hand',
      '/api/v1/live/sessions/{session_id}/chat',
      '/api/v1/live/sessions/{session_id}/chat/{message_id}',
      '/api/livekit/token',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect((await fetch(`${stack.baseUrl}/api/docs`)).status).toBe(200);
  });
});
