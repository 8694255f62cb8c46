import { LOBBY_TOPIC, lobbyDataPacketSchema } from '@stagecast/contracts';
import type { LobbyDataPacket } from '@stagecast/contracts';
import { Room, RoomEvent } from '@livekit/rtc-node';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { lobbyEntries } from '../src/db/schema.js';
import type { Cast } from './support/api.js';
import { decideLobby, knockAndWait as knock, openWait } from './support/lobby.js';
import { waitFor } from './support/processes.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

/** The error body of a refused call, whatever its success type. */
const errorOf = (reply: { body: unknown }) =>
  (reply.body as { error: { reason?: string; details?: { retry_after_seconds?: number } } }).error;

const lobbyPath = (sessionId: string) => `/api/v1/live/sessions/${sessionId}/lobby`;

describe('the waiting room (issue 15)', () => {
  let stack: Stack;
  let c: Cast;
  useStack({ onReady: (ready) => ({ stack, c } = ready) });

  const lobbySession = async (body: Record<string, unknown> = {}) =>
    c.api.createSession(c.mentor.token, { start_now: true, waiting_room: true, ...body });
  const list = (token: string | undefined, sessionId: string) =>
    c.api.call<{ waiting: { user_id: string; identity: string; display_name: string }[] }>(
      'GET',
      lobbyPath(sessionId),
      { token },
    );
  const decide = (token: string | undefined, sessionId: string, userId: string, verb: string) =>
    decideLobby(c.api, token, sessionId, userId, verb);
  const knockAndWait = (sessionId: string, known?: Parameters<typeof knock>[3]) =>
    knock(c.api, stack.baseUrl, sessionId, known);

  /** The host in the room (a real client) keeping the `lobby` packets it receives. */
  const hostInRoom = async (sessionId: string) => {
    const joined = await c.api.join(c.mentor.token, sessionId);
    const room = new Room();
    const packets: LobbyDataPacket[] = [];
    room.on(RoomEvent.DataReceived, (payload, _from, _kind, topic) => {
      if (topic !== LOBBY_TOPIC) return;
      packets.push(lobbyDataPacketSchema.parse(JSON.parse(new TextDecoder().decode(payload))));
    });
    await room.connect(stack.livekitUrl, joined.body.access_token, {
      autoSubscribe: false,
      dynacast: false,
    });
    return { room, packets };
  };

  it('keeps sessions without the option as they were: 200 and a token, waiting_room false', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const read = await c.api.call('GET', `/api/v1/live/sessions/${s.session_id}`);
    expect(read.body.waiting_room).toBe(false);
    const viewer = await c.api.register();
    const joined = await c.api.join(viewer.token, s.session_id);
    expect(joined.status).toBe(200);
    expect(joined.body.access_token).toBeTruthy();
    const patched = await c.api.call('PATCH', `/api/v1/live/sessions/${s.session_id}`, {
      token: c.mentor.token,
      body: { waiting_room: true },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.waiting_room).toBe(true);
    // Already admitted once (a row there): a rejoin is not sent to the lobby.
    expect((await c.api.join(viewer.token, s.session_id)).status).toBe(200);
  });

  it('answers 202 without a token, lists the knock live to the host, and admits into a 200 join', async () => {
    const s = await lobbySession();
    const host = await hostInRoom(s.session_id);
    try {
      const viewer = await c.api.register();
      const knock = await c.api.join(viewer.token, s.session_id, { display_name: 'Knocker' });
      expect(knock.status).toBe(202);
      expect(knock.body).toMatchObject({ status: 'waiting', session_id: s.session_id });
      expect(knock.body).not.toHaveProperty('access_token');
      const wait = await openWait(stack.baseUrl, s.session_id, viewer.token);
      expect(wait.status).toBe(200);
      expect(wait.contentType).toContain('text/event-stream');
      await wait.next('waiting');

      const listed = await list(c.mentor.token, s.session_id);
      expect(listed.status).toBe(200);
      expect(listed.body.waiting).toEqual([
        expect.objectContaining({
          user_id: viewer.user.id,
          identity: `user:${viewer.user.id}`,
          display_name: 'Knocker',
          status: 'waiting',
          is_guest: false,
        }),
      ]);
      await waitFor(
        async () => host.packets.some((p) => p.knocked === 'Knocker'),
        5_000,
        'knock notice',
      );
      expect(host.packets.find((p) => p.knocked === 'Knocker')?.waiting).toBe(1);

      // Still waiting: joining again is another 202, not a token.
      expect((await c.api.join(viewer.token, s.session_id)).status).toBe(202);

      const admitted = await decide(c.mentor.token, s.session_id, viewer.user.id, 'admit');
      expect(admitted.status).toBe(200);
      expect(admitted.body.entry).toMatchObject({ status: 'admitted' });
      await wait.next('admitted');
      await wait.closed;
      const joined = await c.api.join(viewer.token, s.session_id);
      expect(joined.status).toBe(200);
      expect(joined.body.role).toBe('viewer');
      expect(joined.body.access_token).toBeTruthy();
      expect((await list(c.mentor.token, s.session_id)).body.waiting).toEqual([]);
      await waitFor(async () => host.packets.at(-1)?.waiting === 0, 5_000, 'lobby emptied notice');
      // A decided knock cannot be decided again.
      const again = await decide(c.mentor.token, s.session_id, viewer.user.id, 'deny');
      expect(again.status).toBe(404);
      expect(again.body.error.reason).toBe('not_waiting');
    } finally {
      await host.room.disconnect();
    }
  });

  it('turns a denied account away with a clear answer, and refuses its knocks for 10 minutes', async () => {
    const s = await lobbySession();
    const { viewer, wait } = await knockAndWait(s.session_id);
    expect((await decide(c.mentor.token, s.session_id, viewer.user.id, 'deny')).status).toBe(200);
    const denied = await wait.next('denied');
    const retryAt = Date.parse(denied.retry_at!);
    expect(retryAt - Date.now()).toBeGreaterThan(590_000);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(600_000);
    await wait.closed;

    const refused = await c.api.join(viewer.token, s.session_id);
    expect(refused.status).toBe(403);
    expect(errorOf(refused).reason).toBe('lobby_denied');
    expect(errorOf(refused).details?.retry_after_seconds).toBeGreaterThan(590);
    expect((await list(c.mentor.token, s.session_id)).body.waiting).toEqual([]);

    // Ten minutes later (the decision moved back in time), the same account may knock again.
    const where = and(
      eq(lobbyEntries.sessionId, s.session_id),
      eq(lobbyEntries.identity, `user:${viewer.user.id}`),
    );
    await stack.database.db
      .update(lobbyEntries)
      .set({ decidedAt: new Date(Date.now() - 601_000) })
      .where(where);
    expect((await c.api.join(viewer.token, s.session_id)).status).toBe(202);
  });

  it('removes the knock when the waiting page is left (its stream closed)', async () => {
    const s = await lobbySession();
    const { viewer, wait } = await knockAndWait(s.session_id);
    expect((await list(c.mentor.token, s.session_id)).body.waiting).toHaveLength(1);
    wait.leave();
    await waitFor(
      async () => (await list(c.mentor.token, s.session_id)).body.waiting.length === 0,
      3_000,
      'the knock to go',
    );
    const late = await decide(c.mentor.token, s.session_id, viewer.user.id, 'admit');
    expect(late.status).toBe(404);
    // Nothing was admitted: a join knocks again.
    expect((await c.api.join(viewer.token, s.session_id)).status).toBe(202);
  });

  it('lets a co-host list and admit, and refuses viewers (403) and anonymous callers (401)', async () => {
    const s = await lobbySession({ session_type: 'meeting' });
    // A participant before the waiting room was on, promoted to co-host.
    await c.api.call('PATCH', `/api/v1/live/sessions/${s.session_id}`, {
      token: c.mentor.token,
      body: { waiting_room: false },
    });
    const cohost = await c.api.register();
    const viewer = await c.api.register();
    for (const who of [cohost, viewer]) {
      expect((await c.api.join(who.token, s.session_id)).status).toBe(200);
    }
    await c.api.call('PATCH', `/api/v1/live/sessions/${s.session_id}`, {
      token: c.mentor.token,
      body: { waiting_room: true },
    });
    expect(
      (await c.api.setRole(c.mentor.token, s.session_id, cohost.user.id, 'co_host')).status,
    ).toBe(200);

    const knocker = await c.api.register();
    expect((await c.api.join(knocker.token, s.session_id)).status).toBe(202);

    const byViewer = await list(viewer.token, s.session_id);
    expect(byViewer.status).toBe(403);
    expect(errorOf(byViewer).reason).toBe('not_moderator');
    const viewerAdmit = await decide(viewer.token, s.session_id, knocker.user.id, 'admit');
    expect(viewerAdmit.status).toBe(403);
    const viewerAll = await c.api.call('POST', `${lobbyPath(s.session_id)}/admit-all`, {
      token: viewer.token,
    });
    expect(viewerAll.status).toBe(403);
    expect((await list(undefined, s.session_id)).status).toBe(401);
    expect((await decide(knocker.token, s.session_id, knocker.user.id, 'admit')).status).toBe(403);

    const byCohost = await list(cohost.token, s.session_id);
    expect(byCohost.status).toBe(200);
    expect(byCohost.body.waiting.map((e) => e.user_id)).toEqual([knocker.user.id]);
    expect((await decide(cohost.token, s.session_id, knocker.user.id, 'admit')).status).toBe(200);
    const joined = await c.api.join(knocker.token, s.session_id);
    expect(joined.status).toBe(200);
    expect(joined.body.role).toBe('speaker');
    // The co-host's decision is in the audit log, naming who was let in.
    const audit = await c.api.call<{ entries: Record<string, unknown>[] }>(
      'GET',
      `/api/v1/admin/audit?session_id=${s.session_id}&action=lobby_admit`,
      { token: c.admin.token },
    );
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        action: 'lobby_admit',
        actor: expect.objectContaining({ id: cohost.user.id }),
        target: expect.objectContaining({ user_id: knocker.user.id }),
      }),
    ]);
  });

  it('admits or denies everyone at once, guests included', async () => {
    const s = await lobbySession();
    const guestA = await c.api.guest('Guest A');
    const guestB = await c.api.guest('Guest B');
    const user = await c.api.register();
    for (const who of [guestA, guestB, user]) {
      expect((await c.api.join(who.token, s.session_id)).status).toBe(202);
    }
    const listed = await list(c.mentor.token, s.session_id);
    expect(listed.body.waiting).toHaveLength(3);
    const guestEntry = listed.body.waiting.find((e) => e.display_name === 'Guest A');
    expect(guestEntry).toMatchObject({ user_id: guestA.user.id, is_guest: true });
    expect(guestEntry?.identity).toMatch(/^guest:/);

    // One guest denied by id, then everyone left admitted at once.
    expect((await decide(c.mentor.token, s.session_id, guestB.user.id, 'deny')).status).toBe(200);
    const all = await c.api.call<{ entries: { user_id: string }[] }>(
      'POST',
      `${lobbyPath(s.session_id)}/admit-all`,
      { token: c.mentor.token },
    );
    expect(all.status).toBe(200);
    expect(all.body.entries.map((e) => e.user_id).sort()).toEqual(
      [guestA.user.id, user.user.id].sort(),
    );
    expect((await c.api.join(guestA.token, s.session_id)).status).toBe(200);
    expect((await c.api.join(user.token, s.session_id)).status).toBe(200);
    expect((await c.api.join(guestB.token, s.session_id)).status).toBe(403);

    const late = await c.api.register();
    expect((await c.api.join(late.token, s.session_id)).status).toBe(202);
    const none = await c.api.call<{ entries: unknown[] }>(
      'POST',
      `${lobbyPath(s.session_id)}/deny-all`,
      {
        token: c.mentor.token,
      },
    );
    expect(none.body.entries).toHaveLength(1);
    expect(errorOf(await c.api.join(late.token, s.session_id)).reason).toBe('lobby_denied');
  });

  it('lets those waiting in when the host turns the waiting room off, and counts held joins', async () => {
    const s = await lobbySession();
    const { viewer, wait } = await knockAndWait(s.session_id);
    const off = await c.api.call('PATCH', `/api/v1/live/sessions/${s.session_id}`, {
      token: c.mentor.token,
      body: { waiting_room: false },
    });
    expect(off.status).toBe(200);
    await wait.next('admitted');
    expect((await c.api.join(viewer.token, s.session_id)).status).toBe(200);

    const metrics = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    const held = /stagecast_joins_total\{outcome="waiting"\} (\d+)/.exec(metrics);
    expect(Number(held?.[1])).toBeGreaterThan(0);
  });

  it('tells those waiting when the session ends, and refuses a wait stream without a knock', async () => {
    const s = await lobbySession();
    const viewer = await c.api.register();
    const stranger = await c.api.register();
    const none = await openWait(stack.baseUrl, s.session_id, stranger.token);
    expect(none.status).toBe(404);
    const anonymous = await c.api.call('GET', `${lobbyPath(s.session_id)}/wait`);
    expect(anonymous.status).toBe(401);
    const badId = await c.api.call('GET', '/api/v1/live/sessions/not-a-uuid/lobby/wait', {
      token: viewer.token,
    });
    expect(badId.status).toBe(400);
    expect(errorOf(badId)).toMatchObject({ code: 'VALIDATION_FAILED' });
    const badUser = await decide(c.mentor.token, s.session_id, 'x'.repeat(201), 'admit');
    expect(badUser.status).toBe(400);
    const { wait } = await knockAndWait(s.session_id, viewer);
    const ended = await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/end`, {
      token: c.mentor.token,
    });
    expect(ended.status).toBe(200);
    await wait.next('ended');
    await wait.closed;
  });
});
