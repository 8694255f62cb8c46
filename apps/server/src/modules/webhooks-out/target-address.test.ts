import { describe, expect, it } from 'vitest';
import { checkAddresses, checkTarget, isPrivateAddress, TargetRefused } from './target-address.js';

/** Addresses on loopback, private, link-local, multicast or no address at all. */
const PRIVATE = [
  '127.0.0.1',
  '127.255.255.254',
  '10.0.0.1',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.10',
  '169.254.169.254',
  '100.64.0.1',
  '0.0.0.0',
  '224.0.0.1',
  '255.255.255.255',
  '::1',
  '::',
  'fc00::1',
  'fd12:3456::1',
  'fe80::1',
  'fe80::1%eth0',
  'ff02::1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::ffff:10.1.2.3',
  '::FFFF:C0A8:0101',
  '0:0:0:0:0:ffff:a9fe:a9fe',
  '::7f00:1',
  '64:ff9b::192.168.0.1',
  'not-an-address',
];
const PUBLIC = [
  '93.184.215.14',
  '8.8.8.8',
  '172.15.255.255',
  '172.32.0.1',
  '192.169.0.1',
  '100.128.0.1',
  '2606:4700::1111',
  '::ffff:8.8.8.8',
  '64:ff9b::808:808',
];

describe('isPrivateAddress', () => {
  it.each([
    ...PRIVATE.map((address) => [address, true] as const),
    ...PUBLIC.map((address) => [address, false] as const),
  ])('%s is not public: %s', (address, notPublic) => {
    expect(isPrivateAddress(address)).toBe(notPublic);
  });
});

describe('checkAddresses', () => {
  const strict = { allowPrivate: false, requireHttps: true };
  const reasonOf = (url: string, addresses: string[], rules = strict) => {
    try {
      checkAddresses(new URL(url), addresses, rules);
      return 'allowed';
    } catch (err) {
      return (err as TargetRefused).reason;
    }
  };

  it('refuses a host when any one of its addresses is private, unless allowed', () => {
    expect(reasonOf('https://hooks.example.com/x', ['93.184.215.14', '10.0.0.5'])).toBe(
      'webhook_target_private',
    );
    expect(
      reasonOf('https://hooks.example.com/x', ['93.184.215.14', '10.0.0.5'], {
        allowPrivate: true,
        requireHttps: true,
      }),
    ).toBe('allowed');
  });

  it('asks https of public hosts in production, and lets an allowed private one use http', () => {
    expect(reasonOf('http://hooks.example.com/x', ['93.184.215.14'])).toBe(
      'webhook_target_insecure',
    );
    expect(reasonOf('https://hooks.example.com/x', ['93.184.215.14'])).toBe('allowed');
    const lan = { allowPrivate: true, requireHttps: true };
    expect(reasonOf('http://10.0.0.5:8080/x', ['10.0.0.5'], lan)).toBe('allowed');
    expect(reasonOf('http://x.example/', ['10.0.0.5', '93.184.215.14'], lan)).toBe(
      'webhook_target_insecure',
    );
    const dev = { allowPrivate: false, requireHttps: false };
    expect(reasonOf('http://hooks.example.com/x', ['93.184.215.14'], dev)).toBe('allowed');
  });

  it('names the address that was refused, with the host it came from', () => {
    expect(() =>
      checkAddresses(new URL('https://sneaky.example/x'), ['127.0.0.1'], strict),
    ).toThrow(/sneaky\.example \(127\.0\.0\.1\) is a loopback or private address/);
  });
});

describe('checkTarget', () => {
  const rules = { allowPrivate: false, requireHttps: false };

  it('resolves host names: localhost is loopback', async () => {
    await expect(checkTarget(new URL('http://localhost:9/'), rules)).rejects.toMatchObject({
      reason: 'webhook_target_private',
    });
  });

  it('checks IPv6 literals without brackets, IPv4-mapped ones as IPv4', async () => {
    await expect(checkTarget(new URL('http://[::ffff:127.0.0.1]/'), rules)).rejects.toMatchObject({
      reason: 'webhook_target_private',
    });
    await expect(checkTarget(new URL('http://[2606:4700::1111]/'), rules)).resolves.toEqual([
      '2606:4700::1111',
    ]);
  });

  it('refuses a name that does not resolve', async () => {
    await expect(
      checkTarget(new URL('https://no-such-host.invalid/'), rules),
    ).rejects.toBeInstanceOf(TargetRefused);
  });
});
