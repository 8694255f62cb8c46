import type { FastifyReply, FastifyRequest } from 'fastify';
import { OIDC_LOGIN_TTL_MS } from './oidc-logins.js';

/**
 * The browser's half of an OpenID sign-in: its `state`, in an HttpOnly cookie sent only to
 * `/auth/oidc`. The callback must carry the same state, so a callback this browser did not
 * start (a forged or stolen one: login CSRF) is refused. `SameSite=Lax` still lets the
 * provider's top-level redirect back carry it.
 */
const COOKIE = 'stagecast_oidc';
const PATH = '/auth/oidc';

export function setOidcCookie(reply: FastifyReply, state: string, secure: boolean) {
  reply.header(
    'set-cookie',
    `${COOKIE}=${state}; Path=${PATH}; HttpOnly; SameSite=Lax; Max-Age=${OIDC_LOGIN_TTL_MS / 1000}${secure ? '; Secure' : ''}`,
  );
}

export function clearOidcCookie(reply: FastifyReply, secure: boolean) {
  reply.header(
    'set-cookie',
    `${COOKIE}=; Path=${PATH}; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`,
  );
}

export function oidcCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}
