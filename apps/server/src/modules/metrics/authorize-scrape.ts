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
 * Whether a scrape of `/metrics` is allowed: straight from this machine, or with
 * `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time).
 *
 * Straight from this machine means the client Fastify names in `request.ip` (which honours
 * `TRUST_PROXY`) is loopback, the connection is too, and no proxy forwarded the request: a
 * reverse proxy on this machine (Caddy, nginx) connects over loopback for clients anywhere, so a
 * forwarded request needs the token whatever address it claims.
 */
export function scrapeAllowed(input: {
  clientIp: string;
  socketIp: string | undefined;
  /** Whether the request carries `X-Forwarded-For`, `Forwarded` or `X-Real-IP`. */
  forwarded: boolean;
  authorization: string | undefined;
  token: string | undefined;
}): boolean {
  const local = isLoopback(input.clientIp) && isLoopback(input.socketIp);
  if (local && !input.forwarded) return true;
  const auth = input.authorization ?? '';
  if (!input.token || !auth.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(auth.slice(7).trim()), digest(input.token));
}
