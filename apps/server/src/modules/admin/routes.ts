import { adminUpdateUserBodySchema, errorBodySchema, meResponseSchema } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ERROR_RESPONSES } from '../../errors.js';
import { userDto } from '../auth/authenticator.js';
import type { Authenticator } from '../auth/authenticator.js';
import { setUserRole } from './set-user-role.js';

export interface AdminRouteOptions {
  ctx: AppContext;
  auth: Authenticator;
}

/** SPEC §2: what only admins do; registered under `/api/v1/admin`. */
export const adminRoutes: FastifyPluginAsyncZod<AdminRouteOptions> = async (app, { ctx, auth }) => {
  app.patch(
    '/users/:user_id',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ user_id: z.string().min(1).max(100) }),
        body: adminUpdateUserBodySchema,
        response: { 200: meResponseSchema, ...ERROR_RESPONSES, 404: errorBodySchema },
      },
    },
    async (request) => {
      await auth.requireUser(request, ['admin']);
      const updated = await setUserRole({
        db: ctx.database.db,
        tokens: auth.tokens,
        userId: request.params.user_id,
        role: request.body.role,
      });
      return { user: userDto(updated) };
    },
  );
};
