import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJwtIssuer } from './support/jwt-issuer.js';
import type { JwtIssuer } from './support/jwt-issuer.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

const HOST_SITE = 'https://school.example.com';
const LOCAL_SITE = 'http://localhost:8080';
const SESSION = randomUUID();

/**
 * Issue 14, the embeddable room on the real app: which answers may be framed and by whom, the
 * embedding script, and the embedded room's own cookie.
 */
describe('the embeddable room', () => {
  let stack: Stack;
  let site: JwtIssuer;

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}${path}`, { redirect: 'manual', headers });
  const setCookie = (res: Response) => res.headers.get('set-cookie') ?? '';
  const cookieValue = (res: Response, name: string) =>
    new RegExp(`(?:^|, )${name}=([^;]+)`).exec(setCookie(res))?.[1];

  beforeAll(async () => {
    site = await startJwtIssuer();
    stack = await startStack({
      env: {
        EMBED_ORIGINS: `${HOST_SITE}, ${LOCAL_SITE}/`,
        AUTH_JWT_SECRET: site.secret,
        AUTH_JWT_ISSUER: site.issuer,
        AUTH_JWT_AUDIENCE: site.audience,
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await site?.close();
  });

  it('lets only the EMBED_ORIGINS frame the room, and no page frame anything else', async () => {
    const room = await get(`/embed/${SESSION}?invite=abc`);
    expect(room.status).toBe(200);
    expect(room.headers.get('content-type')).toMatch(/^text\/html/);
    expect(room.headers.get('content-security-policy')).toBe(
      `frame-ancestors ${HOST_SITE} ${LOCAL_SITE}`,
    );
    expect(room.headers.get('x-frame-options')).toBeNull();
    // The same app page elsewhere, the API, the script and the docs: never framed.
    for (const path of [
      `/live/${SESSION}`,
      '/live',
      '/admin',
      '/api/v1/auth/options',
      '/embed.js',
    ]) {
      const res = await get(path);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('tells the room which pages may frame it', async () => {
    const res = await get('/api/v1/embed/options');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ origins: [HOST_SITE, LOCAL_SITE] });
  });

  it('serves /embed.js as a small script other sites may cache for minutes and load under COEP', async () => {
    const res = await get('/embed.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.get('cache-control')).toBe(
      'public, max-age=300, stale-while-revalidate=86400',
    );
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('etag')).toBeTruthy();
    const body = await res.text();
    expect(body).toMatch(/^var Stagecast=/);
    expect(body.length).toBeLessThan(8_000);
  });

  it('gives the room’s own calls a Partitioned cookie, read only with the room’s header', async () => {
    const asRoom = { 'x-stagecast-embed': '1', 'content-type': 'application/json' };
    const guest = await fetch(`${stack.baseUrl}/api/v1/auth/guest`, {
      method: 'POST',
      headers: asRoom,
      body: JSON.stringify({ display_name: 'Bo' }),
    });
    expect(guest.status).toBe(201);
    expect(setCookie(guest)).toMatch(
      /^stagecast_embed_token=[^;]+; Path=\/; HttpOnly; SameSite=None; Secure; Partitioned; Max-Age=\d+$/,
    );
    const token = cookieValue(guest, 'stagecast_embed_token')!;

    const me = (headers: Record<string, string>) => get('/api/v1/auth/me', headers);
    expect(
      (await me({ cookie: `stagecast_embed_token=${token}`, 'x-stagecast-embed': '1' })).status,
    ).toBe(200);
    // Sent by the browser on a request another page made, without the header: not a sign-in.
    expect((await me({ cookie: `stagecast_embed_token=${token}` })).status).toBe(401);
    // The site's own cookie is not the room's.
    expect(
      (await me({ cookie: `stagecast_token=${token}`, 'x-stagecast-embed': '1' })).status,
    ).toBe(401);
    expect((await me({ cookie: `stagecast_token=${token}` })).status).toBe(200);

    // Signing out in the room clears the room's cookie.
    const out = await fetch(`${stack.baseUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: `stagecast_embed_token=${token}`, 'x-stagecast-embed': '1' },
    });
    expect(out.status).toBe(204);
    expect(setCookie(out)).toMatch(
      /^stagecast_embed_token=; .*SameSite=None; Secure; Partitioned; Max-Age=0$/,
    );

    // A call of the site's own pages keeps the Lax cookie.
    const plain = await fetch(`${stack.baseUrl}/api/v1/auth/guest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ display_name: 'Cy' }),
    });
    expect(setCookie(plain)).toMatch(
      /^stagecast_token=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );
  });

  it('hands a JWT off into the room with the room’s cookie, inside the frame', async () => {
    const next = `/embed/${SESSION}?invite=abc`;
    const token = await site.sign({ sub: 'ada-1', name: 'Ada' });
    const res = await get(
      `/auth/jwt?token=${encodeURIComponent(token)}&next=${encodeURIComponent(next)}`,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(next);
    expect(setCookie(res)).toMatch(
      /^stagecast_embed_token=[^;]+; .*SameSite=None; Secure; Partitioned/,
    );
    expect(res.headers.get('content-security-policy')).toBe(
      `frame-ancestors ${HOST_SITE} ${LOCAL_SITE}`,
    );
    const me = await get('/api/v1/auth/me', {
      cookie: `stagecast_embed_token=${cookieValue(res, 'stagecast_embed_token')}`,
      'x-stagecast-embed': '1',
    });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('Ada');

    // Replayed: the refusal page shows inside the frame (framable by the same origins only).
    const again = await get(
      `/auth/jwt?token=${encodeURIComponent(token)}&next=${encodeURIComponent(next)}`,
      { accept: 'text/html' },
    );
    expect(again.status).toBe(401);
    expect(again.headers.get('content-security-policy')).toBe(
      `default-src 'none'; style-src 'unsafe-inline'; frame-ancestors ${HOST_SITE} ${LOCAL_SITE}`,
    );
    expect(setCookie(again)).toBe('');

    // Into the site's own pages: the site's cookie, and no framing.
    const toLive = await get(
      `/auth/jwt?token=${encodeURIComponent(await site.sign({ sub: 'ada-1' }))}&next=%2Flive`,
    );
    expect(setCookie(toLive)).toMatch(/^stagecast_token=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(toLive.headers.get('x-frame-options')).toBe('DENY');
  });
});
