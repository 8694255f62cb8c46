import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { isEmbedAnswer, securityHeaders } from './security-headers.js';
import type { SecurityHeadersOptions } from './security-headers.js';

const SESSION = '0d6f6a4e-56f5-4bd9-9a43-6a1c8e2f7b10';

async function headersOf(options: SecurityHeadersOptions, url = '/') {
  const app = Fastify();
  await app.register(securityHeaders, options);
  app.get('/*', async () => ({ ok: true }));
  // A route that sets a policy of its own, as the sign-in refusal page does.
  app.get('/auth/jwt', async (_request, reply) =>
    reply.header('content-security-policy', "default-src 'none'").send('refused'),
  );
  const res = await app.inject({ method: 'GET', url });
  await app.close();
  return res.headers;
}

describe('securityHeaders', () => {
  it('sends Strict-Transport-Security for a year when told to (PUBLIC_URL is https)', async () => {
    const headers = await headersOf({ hsts: true });
    expect(headers['strict-transport-security']).toBe('max-age=31536000');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends no Strict-Transport-Security otherwise', async () => {
    const headers = await headersOf({});
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(headers['x-frame-options']).toBe('DENY');
  });

  describe('framing', () => {
    const embedOrigins = ['https://school.example.com', 'http://localhost:8080'];

    it.each(['/', '/live', `/live/${SESSION}`, '/admin', '/api/v1/auth/me', '/embed.js'])(
      'refuses it on %s whatever EMBED_ORIGINS says',
      async (url) => {
        const headers = await headersOf({ embedOrigins }, url);
        expect(headers['x-frame-options']).toBe('DENY');
        expect(headers['content-security-policy']).toBe("frame-ancestors 'none'");
      },
    );

    it('lets only the EMBED_ORIGINS frame the embedded room, without a contradicting X-Frame-Options', async () => {
      const headers = await headersOf({ embedOrigins }, `/embed/${SESSION}?invite=x`);
      expect(headers['content-security-policy']).toBe(
        'frame-ancestors https://school.example.com http://localhost:8080',
      );
      expect(headers['x-frame-options']).toBeUndefined();
    });

    it('refuses it on the embedded room too when EMBED_ORIGINS is empty', async () => {
      const headers = await headersOf({ embedOrigins: [] }, `/embed/${SESSION}`);
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['content-security-policy']).toBe("frame-ancestors 'none'");
    });

    it('adds the ancestors to a route’s own policy: the hand-off on its way to the room', async () => {
      const toRoom = `/auth/jwt?token=t&next=${encodeURIComponent(`/embed/${SESSION}`)}`;
      expect((await headersOf({ embedOrigins }, toRoom))['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors https://school.example.com http://localhost:8080",
      );
      const toPlaza = `/auth/jwt?token=t&next=${encodeURIComponent('/live')}`;
      const plaza = await headersOf({ embedOrigins }, toPlaza);
      expect(plaza['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(plaza['x-frame-options']).toBe('DENY');
    });
  });
});

describe('isEmbedAnswer', () => {
  it.each([
    [`/embed/${SESSION}`, true],
    [`/embed/${SESSION}/`, true],
    [`/embed/${SESSION}?invite=abc`, true],
    [`/auth/jwt?token=x&next=%2Fembed%2F${SESSION}%3Finvite%3Dabc`, true],
    ['/embed/', false],
    [`/embed/${SESSION}/../../admin`, false],
    ['/embed/..', false],
    [`/embedded/${SESSION}`, false],
    ['/embed.js', false],
    [`/live/${SESSION}`, false],
    ['/auth/jwt?token=x', false],
    ['/auth/jwt?next=%2Flive', false],
    [`/auth/jwt?next=https%3A%2F%2Fevil.example%2Fembed%2F${SESSION}`, false],
    [`/auth/jwt?next=%2F%2Fevil.example%2Fembed%2F${SESSION}`, false],
    [`/auth/oidc/start?next=%2Fembed%2F${SESSION}`, false],
  ])('%s → %s', (url, expected) => {
    expect(isEmbedAnswer(url)).toBe(expected);
  });
});
