import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Conservative headers on every answer; the web app is same-origin, so nothing is relaxed. */
export const securityHeaders = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(self), microphone=(self), display-capture=(self)');
  });
});
