import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { declareRoute } from '../../declare-route.js';
import { checkReadiness } from './check-readiness.js';
import type { ReadinessProbes } from './check-readiness.js';

/** `/healthz`: the process is up. `/readyz`: the database and LiveKit answer (503 naming the failing part). */
export const healthRoutes: FastifyPluginAsyncZod<{ probes: ReadinessProbes }> = async (
  app,
  opts,
) => {
  app.route({
    ...declareRoute(app, apiRoutes.health),
    handler: async () => ({ status: 'ok' as const }),
  });

  app.route({
    ...declareRoute(app, apiRoutes.readiness),
    logLevel: 'warn',
    handler: async (_request, reply) => {
      const readiness = await checkReadiness(opts.probes);
      return reply.code(readiness.status === 'ready' ? 200 : 503).send(readiness);
    },
  });
};
