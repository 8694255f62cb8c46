import type { AuditEntry } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import type { Cast } from './support/api.js';
import { tryPublish } from './support/media.js';
import { joinAsNewUser, waitForConnected, waitForTracks } from './support/participants.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

interface AuditPage {
  entries: AuditEntry[];
  has_more: boolean;
  next_before: number | null;
}

// Each actor calls from an address of its own, as a proxy (TRUST_PROXY) reports it.
const HOST_IP = '203.0.113.7';
const COHOST_IP = '198.51.100.23';
const ADMIN_IP = '2001:db8::5';

describe('the audit log of moderation and admin actions', () => {
  let stack: Stack;
  let c: Cast;
  const { clients } = useStack({
    env: {
      TRUST_PROXY: 'true',
      RECORDING_WIDTH: '320',
      RECORDING_HEIGHT: '180',
      RECORDING_FPS: '5',
    },
    onReady: (ready) => ({ stack, c } = ready),
  });

  /** A call from `ip`, as the proxy in front of the app says. */
  const from = <T = any>(
    ip: string,
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown,
  ) => c.api.call<T>(method, path, { token, body, headers: { 'x-forwarded-for': ip } });
  const audit = (query: string, token = c.admin.token) =>
    c.api.call<AuditPage>('GET', `/api/v1/admin/audit${query}`, { token });

  it('records each action of a class with its actor, target, session and address; filters and pages', async () => {
    const s = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'meeting',
    });
    const id = s.session_id;
    const session = `/api/v1/live/sessions/${id}`;
    const cohost = await c.api.register();
    await c.api.join(cohost.token, id);
    const speaker = await joinAsNewUser(c, clients, id);
    expect(await tryPublish(speaker.room)).toBe(true);
    await waitForConnected(c, id, speaker.joined.identity);
    await waitForTracks(stack, id, speaker.joined.identity, 1);
    const pupil = await joinAsNewUser(c, clients, id);

    // The host makes a co-host; the co-host mutes, demotes and kicks; the host records.
    const ok = async (res: Promise<{ status: number; body: unknown }>) => {
      const done = await res;
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      return done;
    };
    const participant = (userId: string) => `${session}/participants/${userId}`;
    await ok(
      from(HOST_IP, c.mentor.token, 'PATCH', participant(cohost.user.id), { role: 'co_host' }),
    );
    const muted = await ok(
      from<{ muted_tracks: number }>(
        COHOST_IP,
        cohost.token,
        'POST',
        `${participant(speaker.user.id)}/mute`,
        {
          source: 'camera',
        },
      ),
    );
    expect(muted.body).toMatchObject({ muted_tracks: 1 });
    await ok(
      from(COHOST_IP, cohost.token, 'PATCH', participant(speaker.user.id), { role: 'viewer' }),
    );
    await ok(from(COHOST_IP, cohost.token, 'POST', `${participant(pupil.user.id)}/kick`));
    await ok(from(HOST_IP, c.mentor.token, 'POST', `${session}/recording/start`));
    await ok(from(HOST_IP, c.mentor.token, 'POST', `${session}/recording/stop`));
    // Refused actions are not actions: nothing is recorded for them.
    expect(
      (await from(COHOST_IP, cohost.token, 'POST', `${participant(c.mentor.user.id)}/kick`)).status,
    ).toBe(403);
    // An admin ends it, the owner deletes it.
    await ok(from(ADMIN_IP, c.admin.token, 'POST', `${session}/end`));
    expect((await from(HOST_IP, c.mentor.token, 'DELETE', session)).status).toBe(204);

    const page = await audit(`?session_id=${id}`);
    expect(page.status).toBe(200);
    const entries = [...page.body.entries].reverse(); // oldest first, as done
    const actor = (who: { user: { id: string; username: string } }) => ({
      id: who.user.id,
      name: who.user.username,
    });
    const target = (who: { user: { id: string } }, name: string) => ({
      user_id: who.user.id,
      identity: `user:${who.user.id}`,
      name,
    });
    const expected = [
      [
        'participant_role_change',
        c.mentor,
        HOST_IP,
        target(cohost, cohost.user.username),
        { from: 'speaker', to: 'co_host' },
      ],
      [
        'participant_mute',
        cohost,
        COHOST_IP,
        target(speaker, speaker.user.username),
        { source: 'camera', muted_tracks: 1 },
      ],
      [
        'participant_role_change',
        cohost,
        COHOST_IP,
        target(speaker, speaker.user.username),
        { from: 'speaker', to: 'viewer' },
      ],
      ['participant_kick', cohost, COHOST_IP, target(pupil, pupil.user.username), {}],
      ['recording_start', c.mentor, HOST_IP, null, { backend: 'builtin' }],
      ['recording_stop', c.mentor, HOST_IP, null, { backend: 'builtin' }],
      ['session_end', c.admin, ADMIN_IP, null, { title: 'Test session', from: 'live' }],
      ['session_delete', c.mentor, HOST_IP, null, { title: 'Test session', status: 'ended' }],
    ] as const;
    expect(entries.map((e) => e.action)).toEqual(expected.map((x) => x[0]));
    expected.forEach(([action, who, ip, aimed, details], i) => {
      const entry = entries[i]!;
      expect(entry, action).toMatchObject({
        action,
        actor: actor(who),
        ip,
        session_id: id,
        target: aimed,
        details,
      });
      expect(Math.abs(Date.parse(entry.at) - Date.now())).toBeLessThan(60_000);
    });
    // The recording's entries name the same recording.
    expect(entries[4]!.details.recording_id).toEqual(entries[5]!.details.recording_id);

    // By actor: the co-host's three actions, newest first.
    const byCohost = await audit(`?actor_id=${cohost.user.id}`);
    expect(byCohost.body.entries.map((e) => e.action)).toEqual([
      'participant_kick',
      'participant_role_change',
      'participant_mute',
    ]);
    // Both filters at once, and by action.
    const both = await audit(`?session_id=${id}&actor_id=${c.admin.user.id}`);
    expect(both.body.entries.map((e) => e.action)).toEqual(['session_end']);
    const kicks = await audit(`?action=participant_kick&session_id=${id}`);
    expect(kicks.body.entries).toHaveLength(1);

    // Paging back with `before` walks the same entries, none twice, none missed.
    const seen: number[] = [];
    let before: number | null | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const res = await audit(`?session_id=${id}&limit=3${before ? `&before=${before}` : ''}`);
      seen.push(...res.body.entries.map((e) => e.id));
      expect(res.body.has_more).toBe(res.body.next_before !== null);
      if (!res.body.has_more) break;
      before = res.body.next_before;
    }
    expect(seen).toEqual(page.body.entries.map((e) => e.id));
    expect(seen).toHaveLength(8);
  });

  it('records an account role change by an admin', async () => {
    const user = await c.api.register();
    const res = await from(
      ADMIN_IP,
      c.admin.token,
      'PATCH',
      `/api/v1/admin/users/${user.user.id}`,
      {
        role: 'mentor',
      },
    );
    expect(res.status).toBe(200);
    const page = await audit(`?action=user_role_change&actor_id=${c.admin.user.id}&limit=1`);
    expect(page.body.entries[0]).toMatchObject({
      action: 'user_role_change',
      actor: { id: c.admin.user.id, name: c.admin.user.username },
      target: { user_id: user.user.id, identity: null, name: user.user.username },
      session_id: null,
      ip: ADMIN_IP,
      details: { from: 'user', to: 'mentor' },
    });
  });

  it('is for admins only, says which filter is wrong, and offers no way to change an entry', async () => {
    expect((await audit('', c.mentor.token)).status).toBe(403);
    const guest = await c.api.guest('Gus');
    expect((await audit('', guest.token)).status).toBe(403);
    expect((await c.api.call('GET', '/api/v1/admin/audit')).status).toBe(401);

    for (const [query, field] of [
      ['?session_id=not-a-uuid', 'querystring.session_id'],
      ['?actor_id=a%20b', 'querystring.actor_id'],
      ['?action=delete_everything', 'querystring.action'],
      ['?before=abc', 'querystring.before'],
      ['?limit=0', 'querystring.limit'],
      ['?limit=1000', 'querystring.limit'],
    ]) {
      const res = await c.api.call('GET', `/api/v1/admin/audit${query}`, { token: c.admin.token });
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message.startsWith(`${field}:`), res.body.error.message).toBe(true);
    }

    const page = await audit('?limit=1');
    const entryId = page.body.entries[0]!.id;
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      expect(
        (await c.api.call(method, `/api/v1/admin/audit`, { token: c.admin.token })).status,
      ).toBe(404);
      expect(
        (await c.api.call(method, `/api/v1/admin/audit/${entryId}`, { token: c.admin.token }))
          .status,
      ).toBe(404);
    }
    expect((await audit('?limit=1')).body.entries[0]!.id).toBe(entryId);
  });
});
