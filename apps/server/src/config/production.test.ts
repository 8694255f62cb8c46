import { describe, expect, it } from 'vitest';
import { configProblems as problems, TEST_CWD as cwd } from '../../test/support/config-problems.js';
import { parseConfig } from '../config.js';
import { isLoopbackUrl, productionWarnings, sendsHsts } from './production.js';

/** What a deployment behind Caddy on one VM sets (docs/deploy.md, stagecast.env.example). */
const deployed = {
  PUBLIC_URL: 'https://live.example.com',
  LIVEKIT_PUBLIC_URL: 'wss://live.example.com',
  LIVEKIT_NODE_IP: '203.0.113.10',
  TRUST_PROXY: '127.0.0.1,::1',
};

function without(name: keyof typeof deployed): Record<string, string> {
  const env: Record<string, string> = { ...deployed };
  delete env[name];
  return env;
}

describe('production checks at start', () => {
  it('accept the documented deployment behind Caddy', () => {
    const config = parseConfig(deployed, cwd);
    expect(config.publicUrl).toBe('https://live.example.com');
    expect(productionWarnings(config)).toEqual([]);
  });

  it('check nothing when PUBLIC_URL is this machine, as in development and the tests', () => {
    for (const url of [
      undefined,
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
      'http://stagecast.localhost',
      'https://localhost:8443',
    ]) {
      expect(problems({ PUBLIC_URL: url })).toEqual([]);
    }
  });

  it('refuse an http PUBLIC_URL on another host, naming the variable, https, Caddy and the guide', () => {
    const found = problems({ ...deployed, PUBLIC_URL: 'http://live.example.com' });
    expect(found).toHaveLength(1);
    const [message] = found;
    expect(message).toMatch(/^PUBLIC_URL: /);
    expect(message).toContain('got "http://live.example.com"');
    expect(message).toContain('PUBLIC_URL=https://live.example.com');
    expect(message).toContain('Caddy');
    expect(message).toContain('docs/deploy.md');
    expect(message).toContain('ALLOW_INSECURE_PUBLIC_URL=true');
  });

  it('refuse http on a LAN address too: browsers treat it like any other remote host', () => {
    const found = problems({
      PUBLIC_URL: 'http://192.168.1.20:3000',
      LIVEKIT_NODE_IP: '192.168.1.20',
    });
    expect(found.map((p) => p.split(':')[0])).toEqual(['PUBLIC_URL']);
  });

  it('start an http PUBLIC_URL with ALLOW_INSECURE_PUBLIC_URL, and warn that the camera is refused', () => {
    const config = parseConfig(
      {
        PUBLIC_URL: 'http://192.168.1.20:3000',
        LIVEKIT_NODE_IP: '192.168.1.20',
        ALLOW_INSECURE_PUBLIC_URL: 'true',
      },
      cwd,
    );
    const warnings = productionWarnings(config);
    expect(warnings.map((w) => w.variable)).toEqual(['PUBLIC_URL']);
    expect(warnings[0]?.message).toContain('ALLOW_INSECURE_PUBLIC_URL');
    expect(warnings[0]?.message).toContain('camera');
  });

  it('require LIVEKIT_NODE_IP for the embedded LiveKit, saying how to find the address', () => {
    const found = problems(without('LIVEKIT_NODE_IP'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^LIVEKIT_NODE_IP: is required/);
    expect(found[0]).toContain('public IP address');
    expect(found[0]).toContain('ip -4 addr');
    expect(found[0]).toContain('LIVEKIT_URL');
  });

  it('do not require LIVEKIT_NODE_IP with an external LiveKit, which knows its own address', () => {
    const env = {
      ...without('LIVEKIT_NODE_IP'),
      LIVEKIT_URL: 'ws://127.0.0.1:7880',
      LIVEKIT_API_KEY: 'stagecast',
      LIVEKIT_API_SECRET: 's'.repeat(32),
    };
    expect(problems(env)).toEqual([]);
  });

  it('refuse a ws:// LiveKit URL for clients of an https page (mixed content), derived or set', () => {
    const derived = problems(without('LIVEKIT_PUBLIC_URL'));
    expect(derived).toHaveLength(1);
    expect(derived[0]).toMatch(/^LIVEKIT_PUBLIC_URL: must be wss:\/\//);
    expect(derived[0]).toContain('"ws://203.0.113.10:7880"');
    expect(derived[0]).toContain('LIVEKIT_PUBLIC_URL=wss://live.example.com');

    const external = problems({
      ...without('LIVEKIT_PUBLIC_URL'),
      LIVEKIT_URL: 'http://livekit.internal:7880',
      LIVEKIT_API_KEY: 'stagecast',
      LIVEKIT_API_SECRET: 's'.repeat(32),
    });
    expect(external.map((p) => p.split(':')[0])).toEqual(['LIVEKIT_PUBLIC_URL']);

    const set = problems({ ...deployed, LIVEKIT_PUBLIC_URL: 'ws://203.0.113.10:7880' });
    expect(set.map((p) => p.split(':')[0])).toEqual(['LIVEKIT_PUBLIC_URL']);
  });

  it('report every production problem at once, one line each', () => {
    const found = problems({ PUBLIC_URL: 'http://live.example.com' });
    expect(found.map((p) => p.split(':')[0])).toEqual(['PUBLIC_URL', 'LIVEKIT_NODE_IP']);
  });

  it('warn when PUBLIC_URL is https but TRUST_PROXY is off, and only then', () => {
    const config = parseConfig(without('TRUST_PROXY'), cwd);
    const warnings = productionWarnings(config);
    expect(warnings.map((w) => w.variable)).toEqual(['TRUST_PROXY']);
    expect(warnings[0]?.message).toContain("proxy's address");
    expect(warnings[0]?.message).toContain('127.0.0.1');
    expect(productionWarnings(parseConfig({ TRUST_PROXY: 'false' }, cwd))).toEqual([]);
    expect(productionWarnings(parseConfig({ ...deployed, TRUST_PROXY: 'true' }, cwd))).toEqual([]);
  });
});

describe('isLoopbackUrl', () => {
  it.each([
    ['http://localhost:3000', true],
    ['https://app.localhost', true],
    ['http://127.0.0.1', true],
    ['http://127.8.9.10:80', true],
    ['http://[::1]:3000', true],
    ['http://localhost.example.com', false],
    ['http://127.0.0.1.example.com', false],
    ['http://10.0.0.5', false],
    ['https://live.example.com', false],
    ['not a url', false],
  ])('%s → %s', (url, loopback) => {
    expect(isLoopbackUrl(url)).toBe(loopback);
  });
});

describe('sendsHsts', () => {
  it('is on for an https PUBLIC_URL on a real host, off for http and for loopback', () => {
    expect(sendsHsts('https://live.example.com')).toBe(true);
    expect(sendsHsts('http://live.example.com')).toBe(false);
    // HSTS is per host, not per port: on localhost it would push every local http server to https.
    expect(sendsHsts('https://localhost:8443')).toBe(false);
  });
});
