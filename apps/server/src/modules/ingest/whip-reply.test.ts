import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { WhipReply } from '../../livekit/index.js';
import { errorHandler } from '../../plugins/error-handler.js';
import { relayWhipReply } from './whip-reply.js';

const base: WhipReply = {
  status: 201,
  contentType: 'application/sdp',
  resource: undefined,
  etag: undefined,
  links: [],
  body: '',
};

/** What a client gets when the gateway relays `answer`. */
async function relayed(answer: Partial<WhipReply>) {
  const app = Fastify({ logger: false });
  await app.register(errorHandler);
  app.post('/whip/v1', (_request, reply) =>
    relayWhipReply(
      reply,
      { ...base, ...answer },
      (id) => `https://class.example.org/whip/v1/${id}`,
    ),
  );
  const res = await app.inject({ method: 'POST', url: '/whip/v1' });
  await app.close();
  return res;
}

describe("relaying LiveKit's WHIP answer", () => {
  it('keeps the answer and its WHIP headers, with Location on the gateway', async () => {
    const res = await relayed({
      resource: 'PA_abc',
      etag: 'ufrag',
      links: ['<stun:a:3478>; rel="ice-server"', '<turn:b:3478>; rel="ice-server"'],
      body: 'v=0\r\n',
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('v=0\r\n');
    expect(res.headers['content-type']).toBe('application/sdp');
    expect(res.headers.location).toBe('https://class.example.org/whip/v1/PA_abc');
    expect(res.headers.etag).toBe('ufrag');
    expect(res.headers.link).toEqual([
      '<stun:a:3478>; rel="ice-server"',
      '<turn:b:3478>; rel="ice-server"',
    ]);
  });

  it("turns LiveKit's refusals into our error body, and its failures into 503, within the error table", async () => {
    const cases: [number, number, string][] = [
      [400, 400, 'VALIDATION_FAILED'],
      [404, 404, 'NOT_FOUND'],
      [428, 400, 'VALIDATION_FAILED'],
      [500, 503, 'DEPENDENCY_UNAVAILABLE'],
      [503, 503, 'DEPENDENCY_UNAVAILABLE'],
    ];
    for (const [status, expected, code] of cases) {
      const res = await relayed({ status, contentType: 'application/json', body: 'no room' });
      expect(res.statusCode, String(status)).toBe(expected);
      const { error } = res.json<{
        error: { code: string; message: string; details: unknown };
      }>();
      expect(error.code, String(status)).toBe(code);
      expect(error.message).toContain('no room');
      expect(error.details).toMatchObject({ livekit_status: status });
      if (code === 'VALIDATION_FAILED') expect(error.details).toMatchObject({ field: 'body' });
    }
  });

  it('sends an empty success (DELETE) as no body at all', async () => {
    const res = await relayed({ status: 200, contentType: undefined, body: '' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });
});
