import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LOGGABLE_QUERY_KEYS, loggerOptions, redactUrl } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino(loggerOptions('info'), stream), text: () => lines.join('') };
}

describe('the log policy', () => {
  it('censors tokens, secrets, passwords and authorization headers wherever they appear', () => {
    const { logger, text } = capture();
    logger.info(
      { req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=s3cr3t' } } },
      'request',
    );
    logger.info(
      { body: { password: 'hunter2', token: 'tok-123', invite_token: 'inv-456' } },
      'body',
    );
    logger.info({ livekit: { apiSecret: 'lk-secret-789' } }, 'config');
    const out = text();
    for (const secret of [
      'abc.def.ghi',
      's3cr3t',
      'hunter2',
      'tok-123',
      'inv-456',
      'lk-secret-789',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });

  it('logs a request by method and path with query-string tokens censored', () => {
    const { logger, text } = capture();
    logger.info(
      {
        req: {
          method: 'GET',
          url: '/live/1?invite_token=abc123&lang=ko',
          ip: '127.0.0.1',
          headers: { authorization: 'x' },
        },
      },
      'incoming',
    );
    const entry = JSON.parse(text()) as { req: Record<string, unknown> };
    expect(entry.req).toEqual({
      method: 'GET',
      url: '/live/1?invite_token=[redacted]&lang=ko',
      remoteAddress: '127.0.0.1',
    });
  });

  it('keeps URLs without secrets as they are', () => {
    expect(redactUrl('/api/v1/live/sessions?page=2')).toBe('/api/v1/live/sessions?page=2');
    expect(redactUrl('/api/v1/live/sessions?status=live&is_public=true&page_size=5')).toBe(
      '/api/v1/live/sessions?status=live&is_public=true&page_size=5',
    );
    expect(redactUrl('/live')).toBe('/live');
    expect(redactUrl('/x?token=a&access_token=b')).toBe(
      '/x?token=[redacted]&access_token=[redacted]',
    );
  });

  it('censors the invite link the create answer hands out, and any query key it does not know', () => {
    // The invite link of POST /api/v1/live/sessions is `/live/{id}?invite=<secret>`: it was
    // logged in clear on every page load while redaction was a list of secret-looking names.
    const secret = 'Zk3pQ-invite-secret';
    expect(redactUrl(`/live/5d6c?invite=${secret}`)).toBe('/live/5d6c?invite=[redacted]');
    for (const key of ['invite', 'code', 'sig', 'x', 'Invite', 'inv%69te', 'next']) {
      const out = redactUrl(`/p?page=1&${key}=${secret}&limit=3`);
      expect(out).not.toContain(secret);
      expect(out).toContain('page=1');
      expect(out).toContain('limit=3');
    }
    expect(redactUrl(`/p?${secret}&page=2`)).toBe('/p?[redacted]&page=2');
  });

  it('never logs the invite secret from a real request line', () => {
    const { logger, text } = capture();
    logger.info({ req: { method: 'GET', url: '/live/1?invite=s3cr3t-inv', ip: '::1' } }, 'in');
    expect(text()).not.toContain('s3cr3t-inv');
    expect(text()).toContain('invite=[redacted]');
  });

  it("never logs the host site's JWT or an OpenID code from the sign-in URLs", () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl';
    const { logger, text } = capture();
    logger.info(
      { req: { method: 'GET', url: `/auth/jwt?token=${jwt}&next=/live/1`, ip: '::1' } },
      'in',
    );
    logger.info(
      {
        req: {
          method: 'GET',
          url: '/auth/oidc/callback?code=c0de-s3cret&state=st4te&iss=x',
          ip: '::1',
        },
      },
      'in',
    );
    const out = text();
    for (const secret of [jwt, 'c2lnbmF0dXJl', 'c0de-s3cret', 'st4te'])
      expect(out).not.toContain(secret);
    expect(out).toContain('/auth/jwt?token=[redacted]&next=[redacted]');
    expect(out).toContain('/auth/oidc/callback?code=[redacted]&state=[redacted]&iss=[redacted]');
    expect(LOGGABLE_QUERY_KEYS.has('token')).toBe(false);
  });
});
