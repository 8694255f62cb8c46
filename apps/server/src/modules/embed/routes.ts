import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';

/**
 * `/api/v1/embed`: what the embedded room (`/embed/{id}`, issue 14) needs of this server. The
 * framing itself is allowed by `plugins/security-headers.ts`; sign-in is the JWT hand-off or a
 * guest, with the embedded room's own cookie (`auth/auth-cookie.ts`).
 */
export const embedRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { ctx }) => {
  // Public: the same list is in every embed page's `frame-ancestors` anyway.
  app.route({
    ...declareRoute(app, apiRoutes.embedOptions),
    handler: async (_request, reply) => {
      // Settings: they change only with a restart.
      void reply.header('cache-control', 'public, max-age=60');
      return { origins: ctx.config.embed.origins };
    },
  });
};
