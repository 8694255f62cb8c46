import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AdminRecording, AdminUser, AuditEntry } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import { recordings } from '../src/db/schema.js';
import { recordingFile } from '../src/modules/recordings/recording-files.js';
import { apiClient } from './support/api.js';
import type { Cast } from './support/api.js';
import { joinAsNewUser, waitForConnected } from './support/participants.js';
import { waitFor } from './support/processes.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

const ADMIN_IP = '198.51.100.9';
const me = (c: Cast, token: string) => c.api.call('GET', '/api/v1/auth/me', { token });

describe('the admin API: accounts, disabling, recordings', () => {
  let stack: Stack;
  let c: Cast;
  const { clients } = useStack({
    env: { TRUST_PROXY: 'true' },
    onReady: (ready) => ({ stack, c } = ready),
  });
  const asAdmin = <T = any>(method: string, path: string, body?: unknown) =>
    c.api.call<T>(method, path, {
      token: c.admin.token,
      body,
      headers: { 'x-forwarded-for': ADMIN_IP },
    });
  const disable = (userId: string, token = c.admin.token) =>
    c.api.call<{ user: AdminUser }>('POST', `/api/v1/admin/users/${userId}/disable`, { token });

  it('disables an account: 401 for its tokens at once, no sign-in, out of its room (an old LiveKit token too), recorded; enabled, it signs in again', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const user = await joinAsNewUser(c, clients, s.session_id);
    await waitForConnected(c, s.session_id, user.joined.identity);
    // A second sign-in, and both tokens used once, so that their principals are cached.
    const second = await c.api.call('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: 'correct horse battery' },
    });
    expect(second.status).toBe(200);
    for (const token of [user.token, second.body.token as string]) {
      expect((await me(c, token)).status).toBe(200);
    }

    const started = Date.now();
    const res = await asAdmin<{ user: AdminUser }>(
      'POST',
      `/api/v1/admin/users/${user.user.id}/disable`,
    );
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.user.id, role: 'user' });
    expect(Date.parse(res.body.user.disabled_at!)).toBeGreaterThan(started - 1_000);

    // Every token of the account stops working with the next request.
    for (const token of [user.token, second.body.token as string]) {
      const after = await me(c, token);
      expect(after.status).toBe(401);
      expect(after.body.error.reason).toBe('sign_in_required');
    }
    expect((await c.api.join(user.token, s.session_id)).status).toBe(401);
    // The real client is out of the room within seconds.
    await waitFor(() => !user.room.isConnected, 5_000, 'the disabled account to be removed');
    expect(Date.now() - started).toBeLessThan(5_000);
    const listed = await c.api.call<{ participants: { identity: string; connected: boolean }[] }>(
      'GET',
      `/api/v1/live/sessions/${s.session_id}/participants`,
      { token: c.mentor.token },
    );
    expect(listed.body.participants.find((p) => p.identity === user.joined.identity)).toMatchObject(
      { connected: false },
    );

    // It cannot sign in, and says why to whoever knows the password only.
    const login = await c.api.call('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: 'correct horse battery' },
    });
    expect(login.status).toBe(403);
    expect(login.body.error).toMatchObject({ code: 'FORBIDDEN', reason: 'account_disabled' });
    const wrong = await c.api.call('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.reason).toBe('wrong_credentials');

    // Its LiveKit token is still valid for LiveKit: the server removes it again on its join.
    const sneaky = await clients.connect(user.joined.access_token);
    const back = Date.now();
    await waitFor(() => !sneaky.isConnected, 5_000, 'the old-token connection to be removed');
    expect(Date.now() - back).toBeLessThan(5_000);

    // Recorded once, with the admin, the account and the address; a repeat records nothing.
    expect((await asAdmin('POST', `/api/v1/admin/users/${user.user.id}/disable`)).status).toBe(200);
    const audit = await asAdmin<{ entries: AuditEntry[] }>(
      'GET',
      `/api/v1/admin/audit?action=user_disable`,
    );
    const entries = audit.body.entries.filter((e) => e.target?.user_id === user.user.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { id: c.admin.user.id, name: c.admin.user.username },
      target: { user_id: user.user.id, name: user.user.username },
      ip: ADMIN_IP,
      session_id: null,
    });

    // The list shows it disabled; enabled again, it signs in, and its old tokens stay revoked.
    const found = await asAdmin<{ users: AdminUser[] }>(
      'GET',
      `/api/v1/admin/users?q=${user.user.username}`,
    );
    expect(found.body.users.map((u) => [u.id, u.disabled_at !== null])).toEqual([
      [user.user.id, true],
    ]);
    const enabled = await asAdmin<{ user: AdminUser }>(
      'POST',
      `/api/v1/admin/users/${user.user.id}/enable`,
    );
    expect(enabled.body.user.disabled_at).toBeNull();
    const again = await c.api.call('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: 'correct horse battery' },
    });
    expect(again.status).toBe(200);
    expect((await me(c, again.body.token as string)).status).toBe(200);
    expect((await me(c, user.token)).status).toBe(401);
    const enables = await asAdmin<{ entries: AuditEntry[] }>(
      'GET',
      `/api/v1/admin/audit?action=user_enable&limit=1`,
    );
    expect(enables.body.entries[0]?.target?.user_id).toBe(user.user.id);
  });

  it('answers 403 to non-admins and 401 to nobody, and refuses to disable oneself', async () => {
    const user = await c.api.register();
    const paths = [
      ['GET', '/api/v1/admin/users'],
      ['GET', '/api/v1/admin/recordings'],
      ['GET', '/api/v1/admin/audit'],
      ['POST', `/api/v1/admin/users/${user.user.id}/disable`],
      ['POST', `/api/v1/admin/users/${user.user.id}/enable`],
    ] as const;
    for (const [method, path] of paths) {
      for (const token of [c.mentor.token, user.token]) {
        const res = await c.api.call(method, path, { token });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.reason).toBe('role_required');
      }
      expect((await c.api.call(method, path)).status, `${method} ${path}`).toBe(401);
    }
    // Nothing changed on the way.
    expect((await me(c, user.token)).status).toBe(200);

    const self = await disable(c.admin.user.id);
    expect(self.status).toBe(403);
    expect((self.body as any).error.reason).toBe('cannot_act_on_self');
    expect((await me(c, c.admin.token)).status).toBe(200);
    expect((await disable('no-such-user')).status).toBe(404);
    const long = await asAdmin('GET', `/api/v1/admin/users?q=${'x'.repeat(101)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('finds accounts by part of the email or username in any case, literally', async () => {
    const api = apiClient(stack);
    const tag = randomUUID().slice(0, 8);
    const make = (email: string, username: string) =>
      api.call('POST', '/api/v1/auth/register', {
        body: { email, username, password: 'correct horse battery' },
      });
    expect((await make(`ada.${tag}@example.com`, `lovelace_${tag}`)).status).toBe(201);
    expect((await make(`grace.${tag}@example.org`, `Hopper_${tag}`)).status).toBe(201);
    const search = async (q: string) =>
      (
        await asAdmin<{ users: AdminUser[]; total: number }>(
          'GET',
          `/api/v1/admin/users?q=${encodeURIComponent(q)}`,
        )
      ).body.users.map((u) => u.username);
    expect(await search(`ADA.${tag}`)).toEqual([`lovelace_${tag}`]);
    expect(await search(`hopper_${tag}`)).toEqual([`Hopper_${tag}`]);
    expect((await search(tag)).sort()).toEqual([`Hopper_${tag}`, `lovelace_${tag}`]);
    // `_` and `%` are characters here, not patterns.
    expect(await search(`r_${tag}`)).toEqual([`Hopper_${tag}`]);
    expect(await search(`%${tag}`)).toEqual([]);
    const paged = await asAdmin<{ users: AdminUser[]; total: number }>(
      'GET',
      `/api/v1/admin/users?q=${tag}&page_size=1&page=2`,
    );
    expect(paged.body.total).toBe(2);
    expect(paged.body.users).toHaveLength(1);
  });

  it('lists every session’s recordings with their size and deletes a finished one with its file', async () => {
    const s = await c.api.createSession(c.mentor.token, { title: 'Recorded class' });
    const row = (status: 'complete' | 'active', sizeBytes: number | null) => ({
      id: randomUUID(),
      sessionId: s.session_id,
      status,
      backend: 'builtin' as const,
      startedBy: `user:${c.mentor.user.id}`,
      sizeBytes,
      startedAt: new Date(),
    });
    const done = row('complete', 4096);
    const running = row('active', null);
    await stack.database.db.insert(recordings).values([done, running]);
    const file = recordingFile(stack.config.dataDir, done.id);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.alloc(4096));

    const list = await asAdmin<{ recordings: AdminRecording[]; total_bytes: number }>(
      'GET',
      '/api/v1/admin/recordings?page_size=100',
    );
    expect(list.status).toBe(200);
    const mine = list.body.recordings.filter((r) => r.session_id === s.session_id);
    expect(mine.map((r) => [r.recording_id, r.size_bytes]).sort()).toEqual(
      [
        [done.id, 4096],
        [running.id, null],
      ].sort(),
    );
    expect(mine[0]).toMatchObject({
      session_title: 'Recorded class',
      owner: { id: c.mentor.user.id, username: c.mentor.user.username },
    });
    expect(list.body.total_bytes).toBeGreaterThanOrEqual(4096);

    const del = (id: string, token: string) =>
      c.api.call('DELETE', `/api/v1/recordings/${id}`, {
        token,
        headers: { 'x-forwarded-for': ADMIN_IP },
      });
    // Not someone else's; not while it is being made.
    const stranger = await c.api.register();
    expect((await del(done.id, stranger.token)).status).toBe(403);
    const busy = await del(running.id, c.admin.token);
    expect(busy.status).toBe(409);
    expect(busy.body.error.reason).toBe('recording_in_progress');
    expect((await del(randomUUID(), c.admin.token)).status).toBe(404);

    expect((await del(done.id, c.admin.token)).status).toBe(204);
    expect(existsSync(file)).toBe(false);
    const after = await c.api.call<{ recordings: { recording_id: string }[] }>(
      'GET',
      `/api/v1/live/sessions/${s.session_id}/recordings`,
      { token: c.mentor.token },
    );
    expect(after.body.recordings.map((r) => r.recording_id)).toEqual([running.id]);
    const audit = await asAdmin<{ entries: AuditEntry[] }>(
      'GET',
      `/api/v1/admin/audit?action=recording_delete&session_id=${s.session_id}`,
    );
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      actor: { id: c.admin.user.id },
      ip: ADMIN_IP,
      details: { recording_id: done.id, size_bytes: 4096 },
    });
  });
});

/** Two instances on one PostgreSQL database (and Redis, when `redis`), stopped afterwards. */
async function twoInstances(redis: boolean) {
  const env: Record<string, string> = redis ? { REDIS_URL: process.env.REDIS_URL! } : {};
  const a = await startStack({ backend: 'postgres', env });
  const b = await startStack({ backend: 'postgres', env, shareDb: a.testDb });
  const onA = apiClient(a);
  const admin = await onA.register();
  const user = await onA.register();
  expect(admin.user.role).toBe('admin');
  const meOn = (stack: Stack) =>
    apiClient(stack).call('GET', '/api/v1/auth/me', { token: user.token });
  expect((await meOn(b)).status).toBe(200); // now cached on B
  return {
    a,
    b,
    meOn,
    disable: () =>
      onA.call('POST', `/api/v1/admin/users/${user.user.id}/disable`, { token: admin.token }),
    stop: async () => {
      await b.stop();
      await a.stop();
    },
  };
}

describe.runIf(process.env.DATABASE_URL)('disabling across two app instances', () => {
  it.runIf(process.env.REDIS_URL)(
    'on one PostgreSQL and Redis: the other instance answers 401 for a token it had cached, at once',
    async () => {
      const { a, b, meOn, disable, stop } = await twoInstances(true);
      try {
        expect((await disable()).status).toBe(200);
        // Redis carries the drop to B while the answer travels back here: B's first answer
        // after it is already a 401 in practice; allow the message a few ms all the same.
        const at = Date.now();
        await waitFor(async () => (await meOn(b)).status === 401, 1_000, 'B to refuse it');
        expect(Date.now() - at).toBeLessThan(250);
        expect((await meOn(a)).status).toBe(401);
      } finally {
        await stop();
      }
    },
  );

  it('on one PostgreSQL without Redis: the other instance trusts its cached token 2 s at most', async () => {
    const { b, meOn, disable, stop } = await twoInstances(false);
    try {
      const at = Date.now();
      expect((await disable()).status).toBe(200);
      await waitFor(async () => (await meOn(b)).status === 401, 3_000, 'B to refuse it', 100);
      expect(Date.now() - at).toBeLessThan(2_500);
    } finally {
      await stop();
    }
  });
});
