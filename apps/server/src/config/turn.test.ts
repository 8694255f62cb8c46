import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStrayKey, createTestCertificates } from '../../test/support/certificates.js';
import type { TestCertificates } from '../../test/support/certificates.js';
import { configProblems as problems, TEST_CWD as cwd } from '../../test/support/config-problems.js';
import { parseConfig } from '../config.js';
import { isRestrictedPeer } from './turn.js';

const PUBLIC = { LIVEKIT_NODE_IP: '203.0.113.7' };

function turnOf(env: Record<string, string>) {
  const { livekit } = parseConfig(env, cwd);
  if (livekit.mode !== 'embedded') throw new Error('expected the embedded LiveKit');
  return livekit.turn;
}

let dir: string;
let certs: TestCertificates;
/** The TLS settings but the port. */
let tlsFiles: Record<string, string>;
let tls: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'turn-config-'));
  certs = createTestCertificates(dir, 'turn.example.com');
  tlsFiles = {
    TURN_DOMAIN: 'turn.example.com',
    TURN_CERT_FILE: certs.certFile,
    TURN_KEY_FILE: certs.keyFile,
  };
  tls = { ...PUBLIC, TURN_TLS_PORT: '5349', ...tlsFiles };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

describe('the TURN settings', () => {
  it('leave TURN off by default, and when the variables are empty', () => {
    expect(turnOf({})).toBeUndefined();
    expect(turnOf({ TURN_UDP_PORT: '', TURN_TLS_PORT: ' ', TURN_DOMAIN: '' })).toBeUndefined();
  });

  it('turn on TURN over UDP alone with a public LIVEKIT_NODE_IP', () => {
    expect(turnOf({ ...PUBLIC, TURN_UDP_PORT: '3478' })).toEqual({
      udpPort: 3478,
      tls: undefined,
    });
  });

  it('turn on TURN over TLS with its domain, certificate and key', () => {
    expect(turnOf({ ...tls, TURN_UDP_PORT: '3478' })).toEqual({
      udpPort: 3478,
      tls: {
        port: 5349,
        domain: 'turn.example.com',
        certFile: certs.certFile,
        keyFile: certs.keyFile,
      },
    });
  });

  it('need LIVEKIT_NODE_IP, the address TURN relays media to', () => {
    expect(problems({ TURN_UDP_PORT: '3478' })).toEqual([
      expect.stringMatching(/^LIVEKIT_NODE_IP: must be set when TURN is on/),
    ]);
  });

  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.20', '169.254.3.4', 'fd00::1', '::1'])(
    'refuse LIVEKIT_NODE_IP %s, to which LiveKit will not relay',
    (ip) => {
      expect(problems({ TURN_UDP_PORT: '3478', LIVEKIT_NODE_IP: ip })).toEqual([
        expect.stringMatching(
          /^LIVEKIT_NODE_IP: is a loopback, private or link-local address .*refuses to relay/,
        ),
      ]);
    },
  );

  it('ask for the domain, certificate and key with a TLS port, naming each', () => {
    expect(problems({ ...PUBLIC, TURN_TLS_PORT: '5349' })).toEqual([
      expect.stringMatching(/^TURN_DOMAIN: must be set when TURN_TLS_PORT is/),
      expect.stringMatching(/^TURN_CERT_FILE: must be set when TURN_TLS_PORT is/),
      expect.stringMatching(/^TURN_KEY_FILE: must be set when TURN_TLS_PORT is/),
    ]);
  });

  it('ask for the TLS port when only TLS settings are given', () => {
    expect(problems({ ...PUBLIC, ...tlsFiles, TURN_UDP_PORT: '3478' })).toEqual([
      'TURN_TLS_PORT: must be set: TURN_DOMAIN, TURN_CERT_FILE, TURN_KEY_FILE only serve TURN over TLS',
    ]);
  });

  it('refuse a bad port, a bad domain and relative file paths', () => {
    expect(
      problems({
        ...PUBLIC,
        TURN_UDP_PORT: '70000',
        TURN_TLS_PORT: 'x',
        TURN_DOMAIN: 'localhost',
        TURN_CERT_FILE: 'turn.crt',
        TURN_KEY_FILE: './turn.key',
      }),
    ).toEqual([
      'TURN_UDP_PORT: must be between 1 and 65535 (got "70000")',
      'TURN_TLS_PORT: must be a port number (got "x")',
      'TURN_DOMAIN: must be a domain name like turn.example.com (got "localhost")',
      'TURN_CERT_FILE: must be an absolute path, e.g. /etc/stagecast/turn.crt (got "turn.crt")',
      // A name with KEY in it never has its value shown, even a path.
      'TURN_KEY_FILE: must be an absolute path, e.g. /etc/stagecast/turn.key',
    ]);
  });

  it('refuse ports that the app or the other LiveKit ports of the same protocol hold', () => {
    expect(
      problems({ ...tls, PORT: '3000', TURN_UDP_PORT: '7882', TURN_TLS_PORT: '3000' }),
    ).toEqual([
      'TURN_UDP_PORT: is the same port as LIVEKIT_RTC_UDP_PORT (7882) (got "7882")',
      'TURN_TLS_PORT: is the same port as PORT (3000) (got "3000")',
    ]);
    expect(problems({ ...tls, TURN_TLS_PORT: '7880' })).toEqual([
      'TURN_TLS_PORT: is the same port as LIVEKIT_PORT (7880) (got "7880")',
    ]);
    expect(problems({ ...tls, LIVEKIT_RTC_TCP_PORT: '5349' })).toEqual([
      'TURN_TLS_PORT: is the same port as LIVEKIT_RTC_TCP_PORT (5349) (got "5349")',
    ]);
    // UDP and TCP ports of the same number do not clash.
    expect(turnOf({ ...tls, TURN_UDP_PORT: '7881', TURN_TLS_PORT: '7882' })?.udpPort).toBe(7881);
  });

  it('refuse TURN with an external LiveKit, whose TURN is its own config', () => {
    expect(
      problems({
        LIVEKIT_URL: 'wss://lk.example.com',
        LIVEKIT_API_KEY: 'key',
        LIVEKIT_API_SECRET: 's'.repeat(32),
        TURN_UDP_PORT: '3478',
      }),
    ).toEqual([
      'TURN_UDP_PORT: configures the embedded LiveKit only: with an external LiveKit (LIVEKIT_URL), set TURN in its own config (got "3478")',
    ]);
  });

  it('refuse certificate and key files that are missing or not PEM', () => {
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate');
    expect(
      problems({ ...tls, TURN_CERT_FILE: join(dir, 'missing.crt'), TURN_KEY_FILE: junk }),
    ).toEqual([
      expect.stringMatching(/^TURN_CERT_FILE: no such file: .*missing\.crt/),
      expect.stringMatching(/^TURN_KEY_FILE: is not a PEM private key/),
    ]);
    const empty = join(dir, 'empty.crt');
    writeFileSync(empty, '');
    chmodSync(empty, 0o644);
    expect(problems({ ...tls, TURN_CERT_FILE: empty })).toEqual([
      expect.stringMatching(/^TURN_CERT_FILE: is not a PEM certificate/),
    ]);
  });

  it('refuse a key of another certificate, a certificate for another name, an expired one', () => {
    expect(problems({ ...tls, TURN_KEY_FILE: createStrayKey(dir) })).toEqual([
      expect.stringMatching(/^TURN_KEY_FILE: is not the private key of TURN_CERT_FILE/),
    ]);
    expect(problems({ ...tls, TURN_DOMAIN: 'turn.example.org' })).toEqual([
      'TURN_CERT_FILE: does not cover TURN_DOMAIN (turn.example.org)' +
        ` (got "${certs.certFile}")`,
    ]);
    vi.useFakeTimers({ now: Date.now() + 3 * 24 * 3600 * 1000, toFake: ['Date'] });
    expect(problems(tls)).toEqual([expect.stringMatching(/^TURN_CERT_FILE: expired on /)]);
  });
});

describe('isRestrictedPeer', () => {
  it("matches the addresses Go's net.IP calls loopback, private, link-local, multicast, unspecified", () => {
    const restricted = [
      '0.0.0.0',
      '127.0.0.1',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.1.1',
      '224.0.0.1',
      '::',
      '::1',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'ff02::1',
      '::ffff:10.0.0.1',
    ];
    const allowed = [
      '203.0.113.7',
      '198.18.0.1',
      '198.19.255.254',
      '100.64.0.1',
      '172.15.0.1',
      '172.32.0.1',
      '8.8.8.8',
      '2001:db8::1',
      '2a01:4f8::1',
    ];
    expect(restricted.filter((ip) => !isRestrictedPeer(ip))).toEqual([]);
    expect(allowed.filter((ip) => isRestrictedPeer(ip))).toEqual([]);
  });
});
