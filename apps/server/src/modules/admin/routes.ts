import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { accountActor } from '../audit/record-audit.js';
import { userDto } from '../auth/authenticator.js';
import { setUserRole } from './set-user-role.js';

/** SPEC §2: what only admins do; registered under `/api/v1/admin`. */
export const adminRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth },
) => {
  app.route({
    ...declareRoute(app, apiRoutes.updateUser),
    handler: async (request) => {
      const admin = await auth.requireUser(request, ['admin']);
      const updated = await setUserRole({
        db: ctx.database.db,
        tokens: auth.tokens,
        userId: request.params.user_id,
        role: request.body.role,
        by: { actor: accountActor(admin), ip: request.ip },
      });
      return { user: userDto(updated) };
    },
  });
};
