import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** An address of this machine: 127.0.0.0/8, ::1, or IPv4 loopback mapped into IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether a scrape of `/metrics` is allowed: from this machine (the client Fastify names in
 * `request.ip`, which honours `TRUST_PROXY`, and the connection it came on), or with
 * `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time.
 */
export function scrapeAllowed(input: {
  clientIp: string;
  socketIp: string | undefined;
  authorization: string | undefined;
  token: string | undefined;
}): boolean {
  if (isLoopback(input.clientIp) && isLoopback(input.socketIp)) return true;
  const auth = input.authorization ?? '';
  if (!input.token || !auth.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(auth.slice(7).trim()), digest(input.token));
}
