import { EMBED_REQUEST_HEADER } from '@stagecast/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GUEST_TOKEN_TTL_MS, USER_TOKEN_TTL_MS } from './auth-tokens.js';

/**
 * The web app's session cookies. The site's own pages use `stagecast_token`, `SameSite=Lax`
 * (a cross-site form or navigation never carries it into a change). The embedded room
 * (`/embed/{id}`) lives in another site's iframe, where browsers neither send nor store a Lax
 * cookie, and store an unpartitioned third-party one only when third-party cookies are allowed
 * (Chromium's new contexts block them): it gets `stagecast_embed_token`, `SameSite=None; Secure;
 * Partitioned` (CHIPS), which the browser keeps apart for each top-level site that frames the
 * room. The server reads it only on requests carrying `x-stagecast-embed` (the room's own
 * calls), a header other sites cannot send, so it is never a way to forge requests.
 */
export const AUTH_COOKIE = 'stagecast_token';
export const EMBED_AUTH_COOKIE = 'stagecast_embed_token';

/** Which cookie an answer sets and a request is read with. */
export interface CookieTarget {
  /** PUBLIC_URL is https: the site's cookie travels over TLS only. */
  secure: boolean;
  /** The embedded room's cookie (always `Secure`, which browsers accept on localhost too). */
  embed: boolean;
}

/** Whether the request comes from the embedded room (see above). */
export function isEmbedRequest(request: FastifyRequest): boolean {
  return request.headers[EMBED_REQUEST_HEADER] === '1';
}

/** The target for an answer to `request`, on a server whose PUBLIC_URL is https or not. */
export function cookieTarget(request: FastifyRequest, secure: boolean): CookieTarget {
  return { secure, embed: isEmbedRequest(request) };
}

function attributes(target: CookieTarget): string {
  if (target.embed) return 'Path=/; HttpOnly; SameSite=None; Secure; Partitioned';
  return `Path=/; HttpOnly; SameSite=Lax${target.secure ? '; Secure' : ''}`;
}

const nameOf = (target: CookieTarget) => (target.embed ? EMBED_AUTH_COOKIE : AUTH_COOKIE);

/** The session token from the request's cookie: the embedded room's for its own calls. */
export function cookieToken(request: FastifyRequest): string | undefined {
  const cookie = request.headers.cookie;
  if (!cookie) return undefined;
  const wanted = isEmbedRequest(request) ? EMBED_AUTH_COOKIE : AUTH_COOKIE;
  for (const part of cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== wanted) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined; // a mangled cookie is no token, not an error
    }
  }
  return undefined;
}

/** Sets the web app's HttpOnly cookie next to the token in the body. */
export function setAuthCookie(
  reply: FastifyReply,
  token: string,
  kind: 'user' | 'guest',
  target: CookieTarget,
) {
  const maxAge = Math.floor((kind === 'user' ? USER_TOKEN_TTL_MS : GUEST_TOKEN_TTL_MS) / 1000);
  reply.header(
    'set-cookie',
    `${nameOf(target)}=${token}; ${attributes(target)}; Max-Age=${maxAge}`,
  );
}

/** Same attributes as the cookie it replaces, `Secure` included, so every browser drops it. */
export function clearAuthCookie(reply: FastifyReply, target: CookieTarget) {
  reply.header('set-cookie', `${nameOf(target)}=; ${attributes(target)}; Max-Age=0`);
}
