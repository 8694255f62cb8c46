import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

async function headersOf(options: { hsts?: boolean }) {
  const app = Fastify();
  await app.register(securityHeaders, options);
  app.get('/', async () => ({ ok: true }));
  const res = await app.inject({ method: 'GET', url: '/' });
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
});
