import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import type { Metrics } from '../metrics/instruments.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's Prometheus instruments (`metrics/instruments.ts`). */
    metrics: Metrics;
  }
}

/**
 * Measures every request once it is answered: its duration by route pattern (a 404 without a
 * route is `unmatched`, so scanners cannot blow up the label set) and status, and, for joins and
 * rate limits, why a request was refused (the error's typed reason, caught on its way to the
 * error handler).
 */
export const metricsHooks = fp(async (app: FastifyInstance, opts: { metrics: Metrics }) => {
  const refusals = new WeakMap<FastifyRequest, string>();
  app.decorate('metrics', opts.metrics);

  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof AppError) refusals.set(request, error.reason ?? error.code.toLowerCase());
  });

  app.addHook('onResponse', async (request, reply) => {
    opts.metrics.observeRequest({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
      refusal: refusals.get(request),
    });
  });
});
