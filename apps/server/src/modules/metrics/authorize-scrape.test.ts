import { describe, expect, it } from 'vitest';
import { isLoopback, scrapeAllowed } from './authorize-scrape.js';

const TOKEN = 'a-metrics-token-of-some-length';

describe('who may scrape /metrics', () => {
  it('knows loopback addresses, IPv4-mapped ones included', () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopback(ip)).toBe(true);
    }
    for (const ip of ['10.0.0.1', '203.0.113.5', '::ffff:10.0.0.1', '::2', '127', '', undefined]) {
      expect(isLoopback(ip)).toBe(false);
    }
  });

  it('lets a loopback client in without a token, when its connection is loopback too', () => {
    const local = { clientIp: '127.0.0.1', socketIp: '127.0.0.1', authorization: undefined };
    expect(scrapeAllowed({ ...local, token: undefined })).toBe(true);
    // A client that says it is loopback over a connection from elsewhere is not.
    expect(scrapeAllowed({ ...local, socketIp: '203.0.113.5', token: undefined })).toBe(false);
  });

  it('wants the exact bearer token from anywhere else', () => {
    const remote = { clientIp: '203.0.113.5', socketIp: '127.0.0.1' };
    expect(scrapeAllowed({ ...remote, authorization: undefined, token: TOKEN })).toBe(false);
    expect(scrapeAllowed({ ...remote, authorization: `Bearer ${TOKEN}`, token: TOKEN })).toBe(true);
    expect(scrapeAllowed({ ...remote, authorization: `Bearer ${TOKEN}x`, token: TOKEN })).toBe(
      false,
    );
    expect(scrapeAllowed({ ...remote, authorization: TOKEN, token: TOKEN })).toBe(false);
    // No token configured: nobody off this machine, whatever they send.
    expect(scrapeAllowed({ ...remote, authorization: 'Bearer ', token: undefined })).toBe(false);
  });
});
