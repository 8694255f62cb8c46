import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { declareRoute } from '../../declare-route.js';
import { participantRepository } from '../participants/participant-repository.js';
import { joinSession } from './join-session.js';
import { sessionAccessLoader } from './session-access.js';
import { sessionRepository } from './session-repository.js';
import type { SessionRouteOptions } from './routes.js';

/**
 * `POST /api/livekit/token`: the join for integrators, who name the session in the body and get
 * only what a LiveKit client needs. Same rules and rate limit as the join.
 */
export const tokenRoute: FastifyPluginAsyncZod<SessionRouteOptions> = async (
  app,
  { ctx, auth, limits },
) => {
  const sessions = sessionRepository(ctx.database.db, ctx.accessCache);
  const participants = participantRepository(ctx.database.db, ctx.accessCache);
  const sessionAccess = sessionAccessLoader({ sessions, auth });

  app.route({
    ...declareRoute(app, apiRoutes.livekitToken),
    config: { rateLimit: limits.join },
    preHandler: sessionAccess((request) => (request.body as { session_id: string }).session_id),
    handler: async (request) => {
      const joined = await joinSession({
        ctx,
        participants,
        access: request.sessionAccess,
        displayName: request.body.display_name,
        inviteToken: request.body.invite_token,
      });
      return {
        token: joined.access_token,
        server_url: joined.server_url,
        identity: joined.identity,
        role: joined.role,
      };
    },
  });
};
