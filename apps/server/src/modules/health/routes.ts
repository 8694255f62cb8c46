import { healthSchema, readinessSchema } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkReadiness } from './check-readiness.js';
import type { ReadinessProbes } from './check-readiness.js';

/** `/healthz`: the process is up. `/readyz`: the database and LiveKit answer (503 naming the failing part). */
export const healthRoutes: FastifyPluginAsyncZod<{ probes: ReadinessProbes }> = async (
  app,
  opts,
) => {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], response: { 200: healthSchema } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: { tags: ['operations'], response: { 200: readinessSchema, 503: readinessSchema } },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      const readiness = await checkReadiness(opts.probes);
      return reply.code(readiness.status === 'ready' ? 200 : 503).send(readiness);
    },
  );
};
