import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { joinSession } from './join-session.js';
import { sessionScope } from './session-access.js';

/**
 * `POST /api/livekit/token`: the join for integrators, who name the session in the body and get
 * only what a LiveKit client needs. Same rules and rate limit as the join.
 */
export const tokenRoute: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth, limits },
) => {
  const { participants, accessFrom } = sessionScope(app, { ctx, auth });

  app.route({
    ...declareRoute(app, apiRoutes.livekitToken),
    config: { rateLimit: limits.join },
    preHandler: accessFrom((request) => (request.body as { session_id: string }).session_id),
    handler: async (request, reply) => {
      const joined = await joinSession({
        ctx,
        participants,
        access: request.sessionAccess,
        displayName: request.body.display_name,
        inviteToken: request.body.invite_token,
      });
      if ('status' in joined) return reply.code(202).send(joined);
      return {
        token: joined.access_token,
        server_url: joined.server_url,
        identity: joined.identity,
        role: joined.role,
      };
    },
  });
};
