import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LivekitUnavailableError } from './rooms.js';
import { whipUpstream } from './whip.js';

const KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpbmdlc3Q6azEifQ.c2lnbmF0dXJl';
let server: Server | undefined;

/** An HTTP server on a free loopback port that answers every request with `answer`. */
async function upstream(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: {
    method?: string;
    url?: string;
    headers: IncomingMessage['headers'];
    body: string;
  }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, seen };
}

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe("the gateway's call to LiveKit's WHIP endpoint", () => {
  it('sends the key as Bearer and keeps the answer, its session id, ETag and each ICE server', async () => {
    const { url, seen } = await upstream((_req, res) => {
      res.setHeader('content-type', 'application/sdp');
      res.setHeader('location', '/whip/v1/PA_abc123');
      res.setHeader('etag', 'ufrag1');
      res.setHeader('link', [
        '<stun:stun.example.org:3478>; rel="ice-server"',
        '<turn:turn.example.org:3478?transport=udp>; rel="ice-server"; username="u"; credential="c,d"',
      ]);
      res.writeHead(201).end('v=0\r\n');
    });
    const reply = await whipUpstream(url).forward({
      method: 'POST',
      key: KEY,
      contentType: 'application/sdp',
      body: 'v=0\r\n',
    });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/whip/v1', body: 'v=0\r\n' });
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen[0]!.headers['content-type']).toBe('application/sdp');
    expect(reply).toEqual({
      status: 201,
      contentType: 'application/sdp',
      resource: 'PA_abc123',
      etag: 'ufrag1',
      links: [
        '<stun:stun.example.org:3478>; rel="ice-server"',
        '<turn:turn.example.org:3478?transport=udp>; rel="ice-server"; username="u"; credential="c,d"',
      ],
      body: 'v=0\r\n',
    });
  });

  it('takes the key out of an error LiveKit quotes it in', async () => {
    const { url, seen } = await upstream((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.writeHead(401).end(JSON.stringify({ error: `invalid token: ${KEY}, error: expired` }));
    });
    const reply = await whipUpstream(url).forward({
      method: 'DELETE',
      resource: 'PA_x',
      key: KEY,
    });
    expect(seen[0]).toMatchObject({ method: 'DELETE', url: '/whip/v1/PA_x' });
    expect(reply.status).toBe(401);
    expect(reply.body).toBe('invalid token: [redacted], error: expired');
    expect(reply.resource).toBeUndefined();
  });

  it('throws LivekitUnavailableError when nothing answers', async () => {
    const { url } = await upstream((_req, res) => res.end());
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    await expect(whipUpstream(url).forward({ method: 'POST', key: KEY })).rejects.toBeInstanceOf(
      LivekitUnavailableError,
    );
  });

  it('gives up on a LiveKit that takes longer than the timeout', async () => {
    const { url } = await upstream(() => undefined);
    const started = Date.now();
    await expect(
      whipUpstream(url, 200).forward({ method: 'POST', key: KEY }),
    ).rejects.toBeInstanceOf(LivekitUnavailableError);
    expect(Date.now() - started).toBeLessThan(2_000);
    server!.closeAllConnections();
  });
});
