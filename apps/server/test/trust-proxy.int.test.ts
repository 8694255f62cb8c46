import { request } from 'node:http';
import { AccessToken } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestThrough } from './support/caddy.js';
import { startProxiedAppOnOwnDatabase } from './support/proxied-app.js';
import type { ProxiedApp } from './support/proxied-app.js';

/** The auth routes allow 10 a minute per client address (`plugins/rate-limit.ts`). */
const AUTH_LIMIT = 10;

/** A request straight to the app (no Caddy) from `localAddress`, with any headers. */
function direct(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
  localAddress: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        agent: false,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const guestBody = (name: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ display_name: name }),
});

describe('behind Caddy with TRUST_PROXY: the client address comes from the proxy only', () => {
  let stack: ProxiedApp;

  beforeAll(async () => {
    // `info`: one log line per request, with the address the app attributes it to.
    stack = await startProxiedAppOnOwnDatabase({ LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** The address the app logged for the request whose URL carried `marker` (a loggable key). */
  function loggedAddress(marker: string): string | undefined {
    for (const line of stack.app.output().split('\n')) {
      if (!line.includes(marker)) continue;
      try {
        const entry = JSON.parse(line) as { req?: { url?: string; remoteAddress?: string } };
        if (entry.req?.url?.includes(`lang=${marker}`)) return entry.req.remoteAddress;
      } catch {
        // not a JSON line (LiveKit's own output)
      }
    }
    return undefined;
  }

  it("logs the client's address for a request through Caddy, and ignores the client's own X-Forwarded-For", async () => {
    const { caddy } = stack;
    const honest = await requestThrough(caddy, {
      path: '/healthz?lang=via-caddy',
      localAddress: '127.0.0.3',
    });
    expect(honest.status).toBe(200);
    // Caddy replaces the header an untrusted client sends with the address it saw.
    const forged = await requestThrough(caddy, {
      path: '/healthz?lang=via-caddy-forged',
      localAddress: '127.0.0.5',
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(forged.status).toBe(200);
    await expect.poll(() => loggedAddress('via-caddy')).toBe('127.0.0.3');
    await expect.poll(() => loggedAddress('via-caddy-forged')).toBe('127.0.0.5');
  });

  it('honours X-Forwarded-For from the trusted address only', async () => {
    const port = stack.app.port;
    const trusted = await direct(
      port,
      { path: '/healthz?lang=trusted-proxy', headers: { 'x-forwarded-for': '203.0.113.9' } },
      '127.0.0.1',
    );
    const untrusted = await direct(
      port,
      { path: '/healthz?lang=untrusted-peer', headers: { 'x-forwarded-for': '203.0.113.9' } },
      '127.0.0.2',
    );
    expect([trusted.status, untrusted.status]).toEqual([200, 200]);
    await expect.poll(() => loggedAddress('trusted-proxy')).toBe('203.0.113.9');
    await expect.poll(() => loggedAddress('untrusted-peer')).toBe('127.0.0.2');
  });

  it('rate-limits each client behind Caddy on its own, and a forger on its real address', async () => {
    const { caddy, app } = stack;
    // One client through Caddy uses up its allowance…
    for (let i = 0; i < AUTH_LIMIT; i += 1) {
      const res = await requestThrough(caddy, {
        path: '/api/v1/auth/guest',
        localAddress: '127.0.0.6',
        ...guestBody(`Six ${i}`),
      });
      expect(res.status).toBe(201);
    }
    const limited = await requestThrough(caddy, {
      path: '/api/v1/auth/guest',
      localAddress: '127.0.0.6',
      ...guestBody('Six again'),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(JSON.parse(limited.body)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // …while another client through the same proxy still gets in (not one shared bucket).
    const other = await requestThrough(caddy, {
      path: '/api/v1/auth/guest',
      localAddress: '127.0.0.7',
      ...guestBody('Seven'),
    });
    expect(other.status).toBe(201);

    // A client that is not the proxy names a new address in every request: all count as its own.
    const statuses: number[] = [];
    for (let i = 0; i <= AUTH_LIMIT; i += 1) {
      const res = await direct(
        app.port,
        {
          path: '/api/v1/auth/guest',
          ...guestBody(`Forger ${i}`),
          headers: {
            'content-type': 'application/json',
            'x-forwarded-for': `198.51.100.${i + 1}`,
          },
        },
        '127.0.0.8',
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, AUTH_LIMIT).every((s) => s === 201)).toBe(true);
    expect(statuses[AUTH_LIMIT]).toBe(429);
  });

  it('routes /rtc and /twirp to LiveKit and the rest (WHIP too) to the app, with the headers said once', async () => {
    const { caddy, app } = stack;
    // Twirp: a RoomService call answered by LiveKit through Caddy.
    const { apiKey, apiSecret } = app.keys();
    const grant = new AccessToken(apiKey, apiSecret, { ttl: '1m' });
    grant.addGrant({ roomList: true });
    const rooms = await requestThrough(caddy, {
      path: '/twirp/livekit.RoomService/ListRooms',
      method: 'POST',
      headers: {
        authorization: `Bearer ${await grant.toJwt()}`,
        'content-type': 'application/json',
        'accept-encoding': 'gzip',
      },
      body: '{}',
    });
    expect(rooms.status).toBe(200);
    expect(JSON.parse(rooms.body)).toHaveProperty('rooms');
    expect(rooms.headers['content-encoding']).toBeUndefined();
    // The signal endpoint is LiveKit's too: never the app's JSON error or page.
    const signal = await requestThrough(caddy, { path: '/rtc/validate' });
    expect(signal.headers['x-frame-options']).toBeUndefined();
    expect(signal.body).not.toContain('"error":{"code"');
    expect(signal.status).not.toBe(502);
    // WHIP is the app's gateway: a Bearer that is no stream key gets its 401, not LiveKit's.
    const whip = await requestThrough(caddy, {
      path: '/whip/v1',
      method: 'POST',
      headers: { authorization: 'Bearer not-a-key', 'content-type': 'application/sdp' },
      body: 'v=0\r\n',
    });
    expect(whip.status, whip.body).toBe(401);
    expect(whip.headers['x-frame-options']).toBe('DENY');
    expect(JSON.parse(whip.body)).toMatchObject({ error: { reason: 'ingest_key_invalid' } });

    // The app: its script compressed (the page itself is below Caddy's 512-byte minimum), its
    // security headers exactly once, no Server header, and no HSTS on localhost.
    const page = await requestThrough(caddy, { path: '/live' });
    expect(page.status).toBe(200);
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const asset = await requestThrough(caddy, {
      path: script!,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-encoding']).toBe('gzip');
    const count = (name: string) =>
      page.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === name).length;
    for (const name of [
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'cross-origin-opener-policy',
      'permissions-policy',
    ]) {
      expect(count(name), name).toBe(1);
    }
    expect(count('server')).toBe(0);
    // localhost: an HSTS pin would force HTTPS on every other local port of the browser.
    expect(count('strict-transport-security')).toBe(0);
  });
});
