import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { newWebhookSecret } from './secrets.js';
import { guardedLookup, sendWebhook } from './send-webhook.js';
import { TargetRefused } from './target-address.js';

const open = { allowPrivate: true, requireHttps: false };
const servers: Server[] = [];

/** A local receiver that answers with `handler`; its URL. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

/** An empty event delivered under a fresh secret; the options a test does not look at filled in. */
const deliver = (
  url: string,
  eventId: string,
  more: Partial<Parameters<typeof sendWebhook>[0]> = {},
) =>
  sendWebhook({
    url,
    eventId,
    body: '{}',
    secrets: [newWebhookSecret()],
    rules: open,
    timeoutMs: 2_000,
    ...more,
  });

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function lookupOf(url: string, allowPrivate: boolean, all: boolean) {
  const lookup = guardedLookup(new URL(url), { allowPrivate, requireHttps: false });
  return new Promise<{ err: Error | null; address: unknown }>((resolve) =>
    lookup('localhost', { all }, (err, address) => resolve({ err, address })),
  );
}

describe('guardedLookup', () => {
  it('never hands a private address to the connection unless allowed', async () => {
    for (const all of [true, false]) {
      const refused = await lookupOf('http://localhost/', false, all);
      expect(refused.err).toBeInstanceOf(TargetRefused);
      const allowed = await lookupOf('http://localhost/', true, all);
      expect(allowed.err).toBeNull();
      expect(JSON.stringify(allowed.address)).toMatch(/127\.0\.0\.1|::1/);
    }
  });
});

describe('sendWebhook', () => {
  it('posts the body with Standard Webhooks headers, signed by every secret given', async () => {
    let seen: { headers: Record<string, string>; body: string } | undefined;
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { headers: req.headers as Record<string, string>, body };
        res.writeHead(202).end();
      });
    });
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const body = JSON.stringify({ type: 'session.started', timestamp: 'x', data: { a: 'ü' } });
    const result = await sendWebhook({
      url,
      eventId: 'msg_1',
      body,
      secrets: [current, previous],
      rules: open,
      timeoutMs: 2_000,
    });
    expect(result).toEqual({ ok: true, statusCode: 202, error: null });
    expect(seen!.body).toBe(body);
    expect(seen!.headers['webhook-id']).toBe('msg_1');
    expect(seen!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    // A receiver holding either secret accepts it: a rotation loses nothing.
    for (const secret of [current, previous]) {
      expect(new Webhook(secret).verify(seen!.body, seen!.headers)).toEqual(JSON.parse(body));
    }
    expect(() => new Webhook(newWebhookSecret()).verify(seen!.body, seen!.headers)).toThrow();
  });

  it('counts a redirect as a failure and does not follow it', async () => {
    let followed = false;
    const target = await serve((_req, res) => {
      followed = true;
      res.writeHead(200).end();
    });
    const url = await serve((_req, res) => res.writeHead(301, { location: target }).end());
    const result = await deliver(url, 'msg_2');
    expect(result.ok).toBe(false);
    expect(result.statusCode).toBe(301);
    expect(result.error).toMatch(/redirect, not followed/);
    expect(followed).toBe(false);
  });

  it('gives up on a receiver that does not answer in time, and keeps a 5xx answer short', async () => {
    const silent = await serve(() => undefined);
    const started = Date.now();
    const slow = await deliver(silent, 'msg_3', { timeoutMs: 300 });
    expect(slow).toEqual({ ok: false, statusCode: null, error: 'no answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(2_000);

    const failing = await serve((_req, res) => res.writeHead(503).end('x'.repeat(100_000)));
    const busy = await deliver(failing, 'msg_4');
    expect(busy.statusCode).toBe(503);
    expect(busy.error).toBe(`HTTP 503: ${'x'.repeat(200)}`);
  });

  it('does not connect to a private target when they are not allowed', async () => {
    let reached = false;
    const url = await serve((_req, res) => {
      reached = true;
      res.writeHead(200).end();
    });
    for (const target of [url, url.replace('127.0.0.1', 'localhost')]) {
      const result = await deliver(target, 'msg_5', {
        rules: { allowPrivate: false, requireHttps: false },
      });
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/^refused: .*loopback or private address/);
    }
    expect(reached).toBe(false);
  });
});
