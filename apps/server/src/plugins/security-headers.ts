import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityHeadersOptions {
  /**
   * Send `Strict-Transport-Security`: when PUBLIC_URL is https on a real host
   * (`sendsHsts` in config). Browsers ignore it on plain http answers, so it is safe to send on
   * every answer; it then keeps them on https even if someone types `http://`.
   */
  hsts?: boolean;
}

/** One year, the usual value; no `includeSubDomains`, since other hosts of the domain are not ours. */
const HSTS = 'max-age=31536000';

/** Conservative headers on every answer; the web app is same-origin, so nothing is relaxed. */
export const securityHeaders = fp(async (app: FastifyInstance, options: SecurityHeadersOptions) => {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(self), microphone=(self), display-capture=(self)');
    if (options.hsts) reply.header('strict-transport-security', HSTS);
  });
});
