import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, redactUrl } from './logger.js';

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
    expect(redactUrl('/x?token=a&access_token=b')).toBe(
      '/x?token=[redacted]&access_token=[redacted]',
    );
  });
});
