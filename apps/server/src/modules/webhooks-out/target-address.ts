import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { ErrorReason } from '@stagecast/contracts';

/**
 * Where a webhook may be sent. An admin could otherwise make the server post into its own
 * network (a database's HTTP port, a cloud metadata service): unless `WEBHOOK_ALLOW_PRIVATE`,
 * every address a target's host name resolves to must be public, checked when the endpoint is
 * saved and again at every delivery, where the connection is made only to a checked address
 * (DNS may have changed in between, or change on purpose between check and connect).
 */

const privateV4 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, where cloud metadata services answer
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3], // multicast, reserved, broadcast
] as const) {
  privateV4.addSubnet(net, bits, 'ipv4');
}

const privateV6 = new BlockList();
for (const [net, bits] of [
  ['::', 127], // unspecified and loopback (::1)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  privateV6.addSubnet(net, bits, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail included). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = part(tail);
  const fill = tail === undefined ? [] : new Array<number>(8 - front.length - back.length).fill(0);
  return [...front, ...fill, ...back];
}

/**
 * The IPv4 address an IPv6 address carries: IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible
 * (`::a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`) all reach that IPv4 host.
 */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const mapped = zeros(0, 5) && (g[5] === 0xffff || g[5] === 0);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6);
  if (!mapped && !nat64) return undefined;
  // `::` and `::1` are IPv6's own unspecified and loopback addresses, not IPv4 ones.
  if (g[5] === 0 && !nat64 && g[6] === 0) return undefined;
  const [hi, lo] = [g[6]!, g[7]!];
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

/**
 * Whether `address` is on loopback, a private or link-local network, or otherwise not a public
 * host: 127/8, 10/8, 172.16/12, 192.168/16, 169.254/16, 100.64/10, 0/8, multicast and reserved;
 * ::1, ::, fc00::/7, fe80::/10, ff00::/8; and any IPv6 form of such an IPv4 address.
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateV4.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: never a public one
  const v4 = embeddedIpv4(address);
  if (v4 !== undefined) return privateV4.check(v4, 'ipv4');
  return privateV6.check(address.split('%')[0]!, 'ipv6');
}

/** A target the rules refuse, with the reason the API and the delivery log give. */
export class TargetRefused extends Error {
  constructor(
    readonly reason: Extract<
      ErrorReason,
      'webhook_target_private' | 'webhook_target_insecure' | 'webhook_target_unresolvable'
    >,
    message: string,
  ) {
    super(message);
    this.name = 'TargetRefused';
  }
}

export interface TargetRules {
  /** `WEBHOOK_ALLOW_PRIVATE`. */
  allowPrivate: boolean;
  /** Production refuses plain http:// to public hosts (the events carry names and emails). */
  requireHttps: boolean;
}

/** The host of a URL as an address or a name (IPv6 without its brackets). */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Every address `host` resolves to (itself when it is one). */
async function addressesOf(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  try {
    const found = await lookup(host, { all: true, verbatim: true });
    return found.map((a) => a.address);
  } catch {
    throw new TargetRefused('webhook_target_unresolvable', `its host ${host} does not resolve`);
  }
}

/** Applies the rules to `addresses` of `url`'s host; throws `TargetRefused`. */
export function checkAddresses(url: URL, addresses: string[], rules: TargetRules): void {
  const privateOnes = addresses.filter(isPrivateAddress);
  if (privateOnes.length > 0 && !rules.allowPrivate) {
    const host = hostOf(url);
    const shown = privateOnes[0] === host ? host : `${host} (${privateOnes[0]})`;
    throw new TargetRefused(
      'webhook_target_private',
      `${shown} is a loopback or private address; set WEBHOOK_ALLOW_PRIVATE=true to allow it`,
    );
  }
  // A receiver inside the own network may be plain http; one across the internet may not.
  if (rules.requireHttps && url.protocol === 'http:' && privateOnes.length < addresses.length) {
    throw new TargetRefused('webhook_target_insecure', 'must be https:// in production');
  }
}

/** Resolves the target's host and applies the rules to every address; throws `TargetRefused`. */
export async function checkTarget(url: URL, rules: TargetRules): Promise<string[]> {
  const addresses = await addressesOf(hostOf(url));
  checkAddresses(url, addresses, rules);
  return addresses;
}

/** The rules the settings give: `WEBHOOK_ALLOW_PRIVATE`, and https for public hosts in production. */
export function targetRules(config: {
  env: string;
  webhooks: { allowPrivate: boolean };
}): TargetRules {
  return { allowPrivate: config.webhooks.allowPrivate, requireHttps: config.env === 'production' };
}
