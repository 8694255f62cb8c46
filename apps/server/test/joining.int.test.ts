import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cast } from './support/api.js';
import type { Cast } from './support/api.js';
import { connectClient } from './support/media.js';
import { joinAsNewUser, waitForParticipantCount } from './support/participants.js';
import { waitFor } from './support/processes.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

describe('joining: private invites, join rules and rooms', () => {
  let stack: Stack;
  let c: Cast;
  const { clients } = useStack({ onReady: (ready) => ({ stack, c } = ready) });

  describe('a private session', () => {
    it('refuses no invite, a forged one, an expired one and a rotated one, and admits a valid one', async () => {
      const s = await c.api.createSession(c.mentor.token, { is_public: false, start_now: true });
      expect(s.invite_link).toMatch(new RegExp(`/live/${s.session_id}\\?invite=`));
      const invite = new URL(s.invite_link!).searchParams.get('invite')!;
      // At least 128 random bits, and only a hash of it stored.
      expect(Buffer.from(invite, 'base64url').length).toBeGreaterThanOrEqual(16);
      const [row] = await stack.database.rows<{ invite_hash: string }>(
        sql`select invite_hash from live_sessions where session_id = ${s.session_id}`,
      );
      expect(row!.invite_hash).toBe(createHash('sha256').update(invite).digest('hex'));
      expect(row!.invite_hash).not.toContain(invite);

      const user = await c.api.register();
      const none = await c.api.join(user.token, s.session_id);
      expect(none.status).toBe(403);
      expect((none.body as any).error.reason).toBe('invite_required');
      expect((none.body as any).error.details).toEqual({ reason: 'invite' });
      const forged = await c.api.join(user.token, s.session_id, { invite_token: `${invite}x` });
      expect(forged.status).toBe(403);
      expect((forged.body as any).error.reason).toBe('invite_required');
      const read = await c.api.call('GET', `/api/v1/live/sessions/${s.session_id}`, {
        token: user.token,
      });
      expect(read.status).toBe(403);
      expect(read.body.error.reason).toBe('invite_required');

      const rotated = await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/invite`, {
        token: c.mentor.token,
      });
      expect(rotated.status).toBe(200);
      const fresh = new URL(rotated.body.invite_link as string).searchParams.get('invite')!;
      const old = await c.api.join(user.token, s.session_id, { invite_token: invite });
      expect(old.status).toBe(403);
      expect((old.body as any).error.reason).toBe('invite_required');

      await stack.database.rows(
        sql`update live_sessions set invite_expires_at = now() - interval '1 minute' where session_id = ${s.session_id}`,
      );
      stack.app.accessCache?.sessionChanged(s.session_id);
      const expired = await c.api.join(user.token, s.session_id, { invite_token: fresh });
      expect(expired.status).toBe(403);
      expect((expired.body as any).error.reason).toBe('invite_expired');
      expect((expired.body as any).error.details).toEqual({ reason: 'invite' });
      await stack.database.rows(
        sql`update live_sessions set invite_expires_at = now() + interval '1 hour' where session_id = ${s.session_id}`,
      );
      stack.app.accessCache?.sessionChanged(s.session_id);
      const ok = await c.api.join(user.token, s.session_id, { invite_token: fresh });
      expect(ok.status).toBe(200);
      // Once they hold a role there, they may come back without the invite.
      expect((await c.api.join(user.token, s.session_id)).status).toBe(200);

      const guest = await c.api.guest('Visitor');
      expect((await c.api.join(guest.token, s.session_id)).status).toBe(403);
      expect((await c.api.join(guest.token, s.session_id, { invite_token: fresh })).status).toBe(
        200,
      );
    });

    it('is never listed to others, but is to its owner and to admins', async () => {
      const s = await c.api.createSession(c.mentor.token, {
        is_public: false,
        title: 'Secret class',
      });
      const other = await c.api.register();
      const listed = async (token?: string) => {
        const res = await c.api.call('GET', '/api/v1/live/sessions?page_size=100', { token });
        return (res.body.sessions as { session_id: string }[]).some(
          (x) => x.session_id === s.session_id,
        );
      };
      expect(await listed()).toBe(false);
      expect(await listed(other.token)).toBe(false);
      expect(await listed(c.mentor.token)).toBe(true);
      expect(await listed(c.admin.token)).toBe(true);
      const privateOnly = await c.api.call(
        'GET',
        '/api/v1/live/sessions?is_public=false&page_size=100',
        { token: other.token },
      );
      expect(privateOnly.body.sessions).toEqual([]);
    });
  });

  describe('join rules', () => {
    it('answers 409 with the status and start time to a non-host joining a scheduled session; the host may prepare', async () => {
      const at = new Date(Date.now() + 3600_000).toISOString();
      const s = await c.api.createSession(c.mentor.token, { scheduled_at: at });
      const user = await c.api.register();
      const early = await c.api.join(user.token, s.session_id);
      expect(early.status).toBe(409);
      expect((early.body as any).error.details).toEqual({ status: 'scheduled', scheduled_at: at });
      expect((early.body as any).error.reason).toBe('not_live');
      const host = await c.api.join(c.mentor.token, s.session_id);
      expect(host.status).toBe(200);
      expect(host.body.role).toBe('host');
      // Their room exists for them to prepare in, before anyone else may join.
      const hostRoom = await clients.connect(host.body.access_token);
      expect(hostRoom.isConnected).toBe(true);
      expect((await c.api.join(user.token, s.session_id)).status).toBe(409);
    });

    it('lets nobody join an ended session, and answers 409 when it is full (the host always fits)', async () => {
      const ended = await c.api.createSession(c.mentor.token, { start_now: true });
      await c.api.call('POST', `/api/v1/live/sessions/${ended.session_id}/end`, {
        token: c.mentor.token,
      });
      const late = await c.api.join(c.mentor.token, ended.session_id);
      expect(late.status).toBe(409);
      expect((late.body as any).error.reason).toBe('ended');
      expect((late.body as any).error.details.status).toBe('ended');

      const s = await c.api.createSession(c.mentor.token, { start_now: true, max_participants: 1 });
      await joinAsNewUser(c, clients, s.session_id);
      await waitForParticipantCount(c, s.session_id, 1);
      const second = await c.api.register();
      const full = await c.api.join(second.token, s.session_id);
      expect(full.status).toBe(409);
      expect((full.body as any).error.details.reason).toBe('full');
      expect((full.body as any).error.reason).toBe('full');
      expect((await c.api.join(c.mentor.token, s.session_id)).status).toBe(200);
    });

    it('keeps one room per identity: joining B removes the identity from A', async () => {
      const a = await c.api.createSession(c.mentor.token, { start_now: true });
      const b = await c.api.createSession(c.mentor.token, { start_now: true });
      const user = await c.api.register();
      const inA = await c.api.join(user.token, a.session_id);
      const roomA = await clients.connect(inA.body.access_token);
      await waitForParticipantCount(c, a.session_id, 1);
      const inB = await c.api.join(user.token, b.session_id);
      expect(inB.status).toBe(200);
      await waitFor(() => !roomA.isConnected, 5_000, 'the identity to leave A');
      await waitForParticipantCount(c, a.session_id, 0);
    });
  });

  describe('guests', () => {
    it('may join public sessions when ALLOW_GUESTS is on, and not at all when it is off', async () => {
      const s = await c.api.createSession(c.mentor.token, { start_now: true });
      const guest = await c.api.guest('Ana');
      const joined = await c.api.join(guest.token, s.session_id);
      expect(joined.status).toBe(200);
      expect(joined.body.identity).toBe(`guest:${guest.user.id}`);
      const create = await c.api.call('POST', '/api/v1/live/sessions', {
        token: guest.token,
        body: { title: 'x' },
      });
      expect(create.status).toBe(403);
      expect(create.body.error.reason).toBe('account_required');

      const closed = await startStack({ env: { ALLOW_GUESTS: 'false' } });
      try {
        const closedCast = await cast(closed);
        const refused = await closedCast.api.call('POST', '/api/v1/auth/guest', {
          body: { display_name: 'Ana' },
        });
        expect(refused.status).toBe(403);
        expect(refused.body.error.reason).toBe('guests_disabled');
      } finally {
        await closed.stop();
      }
    });
  });

  describe('rooms', () => {
    it('exist only once the session starts: a token cannot create the room', async () => {
      const s = await c.api.createSession(c.mentor.token);
      const before = await stack.livekit.roomService.listRooms([s.session_id]);
      expect(before).toHaveLength(0);
      await expect(connectClient(stack.livekitUrl, s.host_token)).rejects.toThrow();
      const started = await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/start`, {
        token: c.mentor.token,
      });
      expect(started.status).toBe(200);
      expect(started.body.status).toBe('live');
      expect(await stack.livekit.roomService.listRooms([s.session_id])).toHaveLength(1);
    });

    it('close when the session ends, every client disconnected within 5 s, and an old token cannot bring them back', async () => {
      const s = await c.api.createSession(c.mentor.token, { start_now: true });
      const user = await joinAsNewUser(c, clients, s.session_id);
      await waitForParticipantCount(c, s.session_id, 1);
      const started = Date.now();
      const ended = await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/end`, {
        token: c.mentor.token,
      });
      expect(ended.status).toBe(200);
      expect(ended.body.status).toBe('ended');
      await waitFor(() => !user.room.isConnected, 5_000, 'the room to close');
      expect(Date.now() - started).toBeLessThan(5_000);
      await expect(connectClient(stack.livekitUrl, user.joined.access_token)).rejects.toThrow();
      expect(await stack.livekit.roomService.listRooms([s.session_id])).toHaveLength(0);
      expect(
        (
          await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/start`, {
            token: c.mentor.token,
          })
        ).status,
      ).toBe(409);
    });
  });
});
