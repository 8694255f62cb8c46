import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { declareRoute } from '../../declare-route.js';
import { AppError } from '../../errors.js';
import type { Metrics } from '../../metrics/instruments.js';
import { scrapeAllowed } from './authorize-scrape.js';

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/**
 * `GET /metrics`: the Prometheus text format, for direct clients on this machine (loopback, not
 * through a proxy) or a scraper holding `METRICS_TOKEN`. What it says is in
 * `metrics/instruments.ts`.
 */
export const metricsRoutes: FastifyPluginAsync<{
  metrics: Metrics;
  token: string | undefined;
}> = async (app, opts) => {
  app.route({
    ...declareRoute(app, apiRoutes.metrics),
    // Scraped every few seconds: only failures are worth a log line.
    logLevel: 'warn',
    handler: async (request, reply) => {
      const allowed = scrapeAllowed({
        clientIp: request.ip,
        socketIp: request.socket.remoteAddress,
        forwarded: FORWARDING_HEADERS.some((h) => request.headers[h] !== undefined),
        authorization: request.headers.authorization,
        token: opts.token,
      });
      if (!allowed) {
        throw new AppError(
          'UNAUTHENTICATED',
          'metrics are served to direct clients on this machine, or with Authorization: Bearer <METRICS_TOKEN>',
        );
      }
      const body = await opts.metrics.registry.metrics();
      return reply.type(opts.metrics.registry.contentType).send(body);
    },
  });
};
