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

  it('lets a direct loopback client in without a token, and no forwarded one', () => {
    const local = {
      clientIp: '127.0.0.1',
      socketIp: '127.0.0.1',
      forwarded: false,
      authorization: undefined,
    };
    expect(scrapeAllowed({ ...local, token: undefined })).toBe(true);
    // A client that says it is loopback over a connection from elsewhere is not.
    expect(scrapeAllowed({ ...local, socketIp: '203.0.113.5', token: undefined })).toBe(false);
    // A proxy on this machine forwards clients from anywhere (TRUST_PROXY off: the address is
    // the proxy's; on, a client may have claimed loopback in X-Forwarded-For).
    expect(scrapeAllowed({ ...local, forwarded: true, token: undefined })).toBe(false);
    expect(
      scrapeAllowed({ ...local, forwarded: true, authorization: `Bearer ${TOKEN}`, token: TOKEN }),
    ).toBe(true);
  });

  it('wants the exact bearer token from anywhere else', () => {
    const remote = { clientIp: '203.0.113.5', socketIp: '127.0.0.1', forwarded: true };
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
