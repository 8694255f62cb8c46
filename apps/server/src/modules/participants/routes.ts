import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { assertCanRead, assertModerator, assertSignedIn } from '../sessions/access.js';
import { sessionScope } from '../sessions/session-access.js';
import { changeRole } from './change-role.js';
import { kickParticipant } from './kick-participant.js';
import { muteParticipant } from './mute-participant.js';
import { toParticipantDto } from './participant-dto.js';
import { raiseHand } from './raise-hand.js';

/**
 * SPEC §3: the participants list, role changes, kick and mute; registered under
 * `/api/v1/live/sessions/:session_id/participants`.
 */
export const participantRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth },
) => {
  const { participants, preHandler, route } = sessionScope(app, { ctx, auth });

  app.route({
    ...declareRoute(app, apiRoutes.listParticipants),
    preHandler,
    handler: async (request) => {
      assertCanRead(request.sessionAccess);
      const rows = await participants.participants(request.params.session_id);
      return { participants: rows.map(toParticipantDto) };
    },
  });

  route(apiRoutes.updateParticipant, assertModerator, async (access, request) => {
    const { user_id: userId } = request.params;
    const { role } = request.body;
    const updated = await changeRole({ ctx, participants, access, userId, role, ip: request.ip });
    return { participant: toParticipantDto(updated) };
  });

  route(apiRoutes.kickParticipant, assertModerator, async (access, request) => {
    const userId = request.params.user_id;
    const banned = await kickParticipant({ ctx, participants, access, userId, ip: request.ip });
    return { participant: toParticipantDto(banned) };
  });

  route(apiRoutes.muteParticipant, assertModerator, async (access, request) => {
    const { source } = request.body;
    const userId = request.params.user_id;
    const muted = await muteParticipant({
      ctx,
      participants,
      access,
      userId,
      source,
      ip: request.ip,
    });
    return { source, muted_tracks: muted };
  });
};

/**
 * `POST …/sessions/:session_id/hand`, registered under `/api/v1/live/sessions/:session_id`: the
 * caller raises or lowers their own hand.
 */
export const handRoute: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { ctx, auth }) => {
  const { participants, route } = sessionScope(app, { ctx, auth });
  route(apiRoutes.raiseHand, assertSignedIn, async (access, request) => {
    const { raised } = request.body;
    const updated = await raiseHand({ ctx, participants, access, raised });
    return { participant: toParticipantDto(updated) };
  });
};
