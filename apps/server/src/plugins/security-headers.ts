import { EMBED_PATH_PREFIX, sameOriginPath } from '@stagecast/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityHeadersOptions {
  /**
   * Send `Strict-Transport-Security`: when PUBLIC_URL is https on a real host
   * (`sendsHsts` in config). Browsers ignore it on plain http answers, so it is safe to send on
   * every answer; it then keeps them on https even if someone types `http://`.
   */
  hsts?: boolean;
  /** `EMBED_ORIGINS`: the pages that may frame the embedded room; none when empty. */
  embedOrigins?: readonly string[];
}

/** One year, the usual value; no `includeSubDomains`, since other hosts of the domain are not ours. */
const HSTS = 'max-age=31536000';

/** The embedded room's page (`/embed/{session_id}`: session ids are UUIDs). */
const EMBED_PAGE = new RegExp(`^${EMBED_PATH_PREFIX}[A-Za-z0-9_-]+/?$`);

/**
 * Whether the answer to `url` may be framed by `EMBED_ORIGINS`: the embedded room's page, and
 * the JWT hand-off on its way there (`/auth/jwt?next=/embed/…`), so that a refused token shows
 * its page inside the frame rather than the browser's "refused to connect".
 */
export function isEmbedAnswer(url: string): boolean {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (EMBED_PAGE.test(path)) return true;
  if (path !== '/auth/jwt' || q < 0) return false;
  const next = sameOriginPath(new URLSearchParams(url.slice(q + 1)).get('next'));
  return next !== undefined && EMBED_PAGE.test(next.split(/[?#]/)[0]!);
}

/** `policy` with `frame-ancestors` added, unless it already has one. */
function withFrameAncestors(policy: unknown, ancestors: string): string {
  const directive = `frame-ancestors ${ancestors}`;
  if (typeof policy !== 'string' || policy.trim() === '') return directive;
  return /(^|;)\s*frame-ancestors\s/i.test(policy) ? policy : `${policy}; ${directive}`;
}

/**
 * Conservative headers on every answer. No page may be framed (`X-Frame-Options: DENY` and CSP
 * `frame-ancestors 'none'`), except the embedded room's, which only the origins of
 * `EMBED_ORIGINS` may frame: it gets their list as `frame-ancestors` and no `X-Frame-Options`
 * (whose DENY would contradict it, and which has no way to name several origins).
 */
export const securityHeaders = fp(async (app: FastifyInstance, options: SecurityHeadersOptions) => {
  const embedAncestors = options.embedOrigins?.length ? options.embedOrigins.join(' ') : undefined;
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(self), microphone=(self), display-capture=(self)');
    const framable = embedAncestors !== undefined && isEmbedAnswer(request.url);
    if (!framable) reply.header('x-frame-options', 'DENY');
    reply.header(
      'content-security-policy',
      withFrameAncestors(
        reply.getHeader('content-security-policy'),
        framable ? embedAncestors : "'none'",
      ),
    );
    if (options.hsts) reply.header('strict-transport-security', HSTS);
  });
});
