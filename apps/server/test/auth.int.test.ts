import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api.js';
import type { cast } from './support/api.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

describe('accounts and auth', () => {
  let stack: Stack;
  let c: Awaited<ReturnType<typeof cast>>;
  const issued: string[] = [];

  beforeAll(async () => {
    stack = await startStack({
      env: { ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'bootstrap-secret-pw' },
    });
    const api = apiClient(stack);
    const first = await api.register();
    const root = await api.call('POST', '/api/v1/auth/login', {
      body: { email: 'root@example.com', password: 'bootstrap-secret-pw' },
    });
    const mentor = await api.register('mentor', root.body.token);
    c = { api, admin: first, mentor };
    issued.push(first.token, mentor.token, root.body.token);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('ensures the ADMIN_EMAIL admin at start, so the first registered account is a plain user', async () => {
    expect(c.admin.user.role).toBe('user'); // `cast` registered it: an admin already existed
    const login = await c.api.call('POST', '/api/v1/auth/login', {
      body: { email: 'ROOT@example.com', password: 'bootstrap-secret-pw' },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('admin');
    issued.push(login.body.token);
    const setRole = (token: string, role: string) =>
      c.api.call('PATCH', `/api/v1/admin/users/${c.admin.user.id}`, { token, body: { role } });
    const promote = await setRole(login.body.token, 'admin');
    expect(promote.status).toBe(200);
    expect(promote.body.user.role).toBe('admin');
    expect((await setRole(c.mentor.token, 'user')).status).toBe(403);
    expect((await setRole(login.body.token, 'root')).status).toBe(400);
  });

  it('stores passwords as argon2id hashes and refuses a wrong password the same way as an unknown email', async () => {
    const user = await c.api.register();
    issued.push(user.token);
    const [row] = await stack.database.rows<{ password_hash: string }>(
      sql`select password_hash from users where id = ${user.user.id}`,
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.password_hash).not.toContain('correct horse battery');
    const wrong = await c.api.call('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: 'nope-nope' },
    });
    const unknown = await c.api.call('POST', '/api/v1/auth/login', {
      body: { email: 'nobody@example.com', password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.reason).toBe('wrong_credentials');
    expect(wrong.body).toEqual(unknown.body);
  });

  it('refuses duplicate emails and usernames with 409, and bad fields with 400 naming them', async () => {
    const user = await c.api.register();
    const dup = await c.api.call('POST', '/api/v1/auth/register', {
      body: {
        email: user.email.toUpperCase(),
        username: 'someone_new',
        password: 'long enough pw',
      },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.reason).toBe('account_exists');
    const bad = await c.api.call('POST', '/api/v1/auth/register', {
      body: { email: 'not-an-email', username: 'ok_name', password: 'long enough pw' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('body.email');
  });

  it('revokes the token on logout, and every token of the account on a password change', async () => {
    const user = await c.api.register();
    const second = await c.api.call('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: 'correct horse battery' },
    });
    issued.push(user.token, second.body.token);
    expect((await c.api.call('GET', '/api/v1/auth/me', { token: user.token })).status).toBe(200);
    expect((await c.api.call('POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(
      204,
    );
    expect((await c.api.call('GET', '/api/v1/auth/me', { token: user.token })).status).toBe(401);
    expect((await c.api.call('GET', '/api/v1/auth/me', { token: second.body.token })).status).toBe(
      200,
    );

    const wrongCurrent = await c.api.call('POST', '/api/v1/auth/password', {
      token: second.body.token,
      body: { current_password: 'wrong', new_password: 'a brand new password' },
    });
    expect(wrongCurrent.status).toBe(403);
    expect(wrongCurrent.body.error.reason).toBe('wrong_password');
    const changed = await c.api.call('POST', '/api/v1/auth/password', {
      token: second.body.token,
      body: { current_password: 'correct horse battery', new_password: 'a brand new password' },
    });
    expect(changed.status).toBe(200);
    issued.push(changed.body.token);
    expect((await c.api.call('GET', '/api/v1/auth/me', { token: second.body.token })).status).toBe(
      401,
    );
    expect((await c.api.call('GET', '/api/v1/auth/me', { token: changed.body.token })).status).toBe(
      200,
    );
    const oldPassword = await c.api.call('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: 'correct horse battery' },
    });
    expect(oldPassword.status).toBe(401);
  });

  it('gives guests a short-lived guest identity that the cookie carries too', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/auth/guest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ display_name: 'Mina' }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { token: string; user: { role: string } };
    issued.push(body.token);
    expect(body.user.role).toBe('guest');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await fetch(`${stack.baseUrl}/api/v1/auth/me`, {
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('Mina');
  });

  it('sets security headers and never writes a token, password or secret to its logs or error bodies', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/auth/me`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).not.toContain('not-a-token');
    const logs = stack.logs();
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [
      ...issued,
      stack.livekit.keys.apiSecret,
      'correct horse battery',
      'bootstrap-secret-pw',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('rate limits and CORS', () => {
  it('answer 429 with Retry-After, and allow only CORS_ORIGINS, never *', async () => {
    const stack = await startStack({
      env: { RATE_LIMIT_MULTIPLIER: '1', CORS_ORIGINS: 'https://app.example.com' },
    });
    try {
      const api = apiClient(stack);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 12; i += 1) {
        const res = await api.call('POST', '/api/v1/auth/login', {
          body: { email: 'x@example.com', password: 'whatever' },
        });
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          expect(res.body.error.code).toBe('RATE_LIMITED');
        }
      }
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);

      const allowed = await fetch(`${stack.baseUrl}/api/v1/live/sessions`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      const other = await fetch(`${stack.baseUrl}/api/v1/live/sessions`, {
        headers: { origin: 'https://evil.example.com' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await stack.stop();
    }
  });

  it.runIf(process.env.REDIS_URL)('hold across two app instances on one Redis', async () => {
    const env = {
      RATE_LIMIT_MULTIPLIER: '1',
      REDIS_URL: process.env.REDIS_URL!,
      TRUST_PROXY: 'true',
    };
    const a = await startStack({ env });
    const b = await startStack({ env });
    try {
      // A client address of this test alone, so other runs on the same Redis do not count.
      const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      const login = (stack: Stack) =>
        apiClient(stack).call('POST', '/api/v1/auth/login', {
          body: { email: 'x@example.com', password: 'whatever' },
          headers: { 'x-forwarded-for': ip },
        });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await login(a)).status);
      for (let i = 0; i < 6; i += 1) statuses.push((await login(b)).status);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
