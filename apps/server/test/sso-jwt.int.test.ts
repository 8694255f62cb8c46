import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
import type { Database } from '../src/db/client.js';
import { apiClient } from './support/api.js';
import { startJwtIssuer, unsignedJwt } from './support/jwt-issuer.js';
import type { JwtIssuer } from './support/jwt-issuer.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

/** Issue 14: the host site's JWTs, as Bearer tokens on the API and through the hand-off. */
describe('sign-in with the host site JWT', () => {
  let stack: Stack;
  let site: JwtIssuer;
  let api: ReturnType<typeof apiClient>;
  const minted: string[] = [];
  const now = () => Math.floor(Date.now() / 1000);

  const sign = async (...args: Parameters<JwtIssuer['sign']>) => {
    const token = await site.sign(...args);
    minted.push(token);
    return token;
  };
  const me = (token: string) => api.call('GET', '/api/v1/auth/me', { token });
  const count = async (table: 'users' | 'external_identities') =>
    (
      await stack.database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`))
    )[0]!.n;
  /** The hand-off as a browser makes it, without following the redirect. */
  const handOff = (base: string, token: string, next?: string, accept = 'text/html') =>
    fetch(
      `${base}/auth/jwt?token=${encodeURIComponent(token)}${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`,
      { redirect: 'manual', headers: { accept } },
    );
  const sessionCookie = (res: Response) =>
    /stagecast_token=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

  beforeAll(async () => {
    site = await startJwtIssuer();
    stack = await startStack({
      env: {
        AUTH_JWT_SECRET: site.secret,
        AUTH_JWT_JWKS_URL: site.jwksUrl,
        AUTH_JWT_ISSUER: site.issuer,
        AUTH_JWT_AUDIENCE: site.audience,
        AUTH_JWT_ROLE_CLAIM: 'role',
      },
    });
    api = apiClient(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await site?.close();
  });

  it('accepts a JWT signed with AUTH_JWT_SECRET on the whole API, creating the account just in time with its role', async () => {
    const token = await sign({
      sub: 'm-1',
      name: 'Grace Hopper',
      email: 'grace@school.example',
      role: 'mentor',
    });
    const first = await me(token);
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({
      username: 'Grace Hopper',
      role: 'mentor',
      email: null,
    });
    // Not only /me: a mentor creates a session with the same Bearer JWT.
    const created = await api.call('POST', '/api/v1/live/sessions', {
      token,
      body: { title: 'From the site' },
    });
    expect(created.status).toBe(201);

    // The next sign-in of the same subject updates the same account (role, name).
    const promoted = await sign({ sub: 'm-1', name: 'Rear Admiral Hopper', role: 'admin' });
    const again = await me(promoted);
    expect(again.body.user).toMatchObject({
      id: first.body.user.id,
      role: 'admin',
      username: 'Rear Admiral Hopper',
    });
    // Our own tokens keep working next to JWTs.
    const local = await api.register();
    expect((await me(local.token)).body.user.id).toBe(local.user.id);
  });

  it('accepts RS256 and ES256 JWTs signed by keys from AUTH_JWT_JWKS_URL, fetched once and cached, mapping a foreign role to user', async () => {
    const rs = await sign({ sub: 'a-1', name: 'Ada', role: 'ADMIN' }, { alg: 'RS256' });
    const es = await sign({ sub: 't-1', name: 'Tim', role: 'teacher' }, { alg: 'ES256' });
    const listed = await sign(
      { sub: 'l-1', name: 'Lin', role: ['staff', 'mentor'] },
      { alg: 'ES256' },
    );
    expect((await me(rs)).body.user.role).toBe('admin');
    expect((await me(es)).body.user.role).toBe('user');
    expect((await me(listed)).body.user.role).toBe('mentor');
    const noRole = await sign({ sub: 'n-1', name: 'Nia' }, { alg: 'RS256' });
    expect((await me(noRole)).body.user.role).toBe('user');
    expect(site.jwksFetches()).toBe(1);
  });

  it("keeps a local account with the same email its owner's: the JWT's subject gets an account of its own", async () => {
    const local = await api.register('mentor');
    const token = await sign({
      sub: 'impostor',
      name: local.user.username,
      email: local.email,
      role: 'user',
    });
    const external = await me(token);
    expect(external.status).toBe(200);
    expect(external.body.user.id).not.toBe(local.user.id);
    expect(external.body.user.username).not.toBe(local.user.username); // usernames stay unique
    expect(external.body.user.email).toBeNull();
    const login = await api.call('POST', '/api/v1/auth/login', {
      body: { email: local.email, password: 'correct horse battery' },
    });
    expect(login.body.user).toEqual(local.user);
  });

  it('refuses a bad token with 401 naming what is wrong, on the API and at the hand-off, and creates no account', async () => {
    const usersBefore = await count('users');
    const identitiesBefore = await count('external_identities');
    const claims = { sub: 'bad-1', name: 'Mallory', role: 'admin' };
    const cases: Array<[string, string, string]> = [
      [
        'alg none',
        unsignedJwt({ ...claims, iss: site.issuer, aud: site.audience, exp: now() + 600 }),
        'jwt_invalid',
      ],
      [
        'another secret',
        await sign(claims, { secret: 'not-our-secret-but-long-enough-0123456789' }),
        'jwt_invalid',
      ],
      [
        'a key not in the JWKS',
        await sign(claims, { alg: 'RS256', key: 'stranger' }),
        'jwt_invalid',
      ],
      [
        'another issuer',
        await sign({ ...claims, iss: 'https://evil.example' }),
        'jwt_wrong_issuer',
      ],
      ['another audience', await sign({ ...claims, aud: 'someone-else' }), 'jwt_wrong_audience'],
      ['expired', await sign({ ...claims, exp: now() - 120 }), 'jwt_expired'],
      ['not yet valid', await sign({ ...claims, nbf: now() + 120 }), 'jwt_not_yet_valid'],
      ['without exp', await sign({ ...claims, exp: undefined }), 'jwt_invalid'],
    ];
    for (const [what, token, reason] of cases) {
      const onApi = await me(token);
      expect({ what, status: onApi.status, reason: onApi.body.error?.reason }).toEqual({
        what,
        status: 401,
        reason,
      });
      // Refused on a route anyone may read too: bad credentials are never taken as none.
      expect((await api.call('GET', '/api/v1/live/sessions', { token })).status).toBe(401);
      const json = await handOff(stack.baseUrl, token, '/live', 'application/json');
      expect({
        what,
        status: json.status,
        reason: ((await json.json()) as any).error.reason,
      }).toEqual({ what, status: 401, reason });
      const page = await handOff(stack.baseUrl, token, '/live');
      expect(page.status).toBe(401);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain(`data-reason="${reason}"`);
      expect(page.headers.get('set-cookie')).toBeNull();
    }
    expect(await count('users')).toBe(usersBefore);
    expect(await count('external_identities')).toBe(identitiesBefore);
  });

  it('allows 30 s of clock skew on exp and nbf', async () => {
    const justExpired = await sign({ sub: 'skew-1', exp: now() - 10 });
    const almostValid = await sign({ sub: 'skew-2', nbf: now() + 10 });
    expect((await me(justExpired)).status).toBe(200);
    expect((await me(almostValid)).status).toBe(200);
  });

  it('hands off once: sets the session cookie and redirects to next, then refuses the same token', async () => {
    const token = await sign({ sub: 'h-1', name: 'Hedy', jti: 'handoff-1', role: 'mentor' });
    const res = await handOff(stack.baseUrl, token, '/live/5d6c?invite=x');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/live/5d6c?invite=x');
    expect(res.headers.get('set-cookie')).toMatch(
      /^stagecast_token=[\w-]+; Path=\/; HttpOnly; SameSite=Lax/,
    );
    const cookie = sessionCookie(res)!;
    const signedIn = await api.call('GET', '/api/v1/auth/me', {
      headers: { cookie: `stagecast_token=${cookie}` },
    });
    expect(signedIn.body.user).toMatchObject({ username: 'Hedy', role: 'mentor' });

    const replay = await handOff(stack.baseUrl, token, '/live');
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain('data-reason="jwt_replayed"');
    expect(replay.headers.get('set-cookie')).toBeNull();
    // Spent for the API too.
    expect((await me(token)).body.error.reason).toBe('jwt_replayed');

    // Without a jti the token's own hash marks it spent.
    const plain = await sign({ sub: 'h-2', name: 'Hal' });
    expect((await handOff(stack.baseUrl, plain)).status).toBe(303);
    expect((await handOff(stack.baseUrl, plain)).status).toBe(401);
  });

  it.each([
    '//evil.example',
    'https://evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    'live',
  ])('sends an off-site next (%j) to the plaza instead', async (next) => {
    const token = await sign({ sub: 'n-2', name: 'Noor', jti: randomUUID() });
    const res = await handOff(stack.baseUrl, token, next);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/live');
  });

  it('signs a JWT out: the same token is refused afterwards', async () => {
    const token = await sign({ sub: 'o-1', name: 'Otto' });
    expect((await me(token)).status).toBe(200);
    expect((await api.call('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await me(token)).body.error.reason).toBe('jwt_replayed');
  });

  describe('on two app instances sharing the database', () => {
    let second: FastifyInstance;
    let secondDb: Database | undefined;
    let secondUrl: string;

    beforeAll(async () => {
      // PostgreSQL: a pool of its own, as another process would have; PGlite belongs to one
      // process, so the second app shares its handle.
      secondDb = stack.testDb.databaseUrl ? await openDatabase(stack.config) : undefined;
      second = await buildApp({
        config: stack.config,
        logger: pino({ level: 'silent' }),
        database: secondDb ?? stack.database,
        livekit: stack.livekit,
        reconcile: false,
      });
      secondUrl = await second.listen({ port: 0, host: '127.0.0.1' });
    });

    afterAll(async () => {
      await second?.close();
      await secondDb?.close();
    });

    it('refuses on one instance a hand-off token spent on the other, and lets exactly one of two simultaneous uses through', async () => {
      const token = await sign({ sub: 'two-1', name: 'Twin', jti: 'two-instances-1' });
      expect((await handOff(stack.baseUrl, token)).status).toBe(303);
      expect((await handOff(secondUrl, token)).status).toBe(401);

      const raced = await sign({ sub: 'two-2', name: 'Racer', jti: 'two-instances-2' });
      const statuses = (
        await Promise.all([handOff(stack.baseUrl, raced), handOff(secondUrl, raced)])
      ).map((r) => r.status);
      expect(statuses.sort()).toEqual([303, 401]);
    });
  });

  it('never writes a JWT to the log, not even from the hand-off URL', () => {
    const logs = stack.logs();
    expect(logs).toContain('/auth/jwt?token=[redacted]');
    for (const token of minted) {
      expect(logs).not.toContain(token);
      expect(logs).not.toContain(token.split('.')[2]!);
    }
  });
});
