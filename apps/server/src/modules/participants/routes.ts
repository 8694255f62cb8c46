import {
  handBodySchema,
  muteBodySchema,
  muteResponseSchema,
  participantParamsSchema,
  participantResponseSchema,
  participantsResponseSchema,
  sessionIdParamsSchema,
  updateParticipantBodySchema,
} from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { ERROR_RESPONSES } from '../../errors.js';
import type { Authenticator } from '../auth/authenticator.js';
import { assertCanRead, assertModerator, assertSignedIn } from '../sessions/access.js';
import { sessionAccessLoader } from '../sessions/session-access.js';
import { sessionRepository } from '../sessions/session-repository.js';
import { changeRole } from './change-role.js';
import { kickParticipant } from './kick-participant.js';
import { muteParticipant } from './mute-participant.js';
import { toParticipantDto } from './participant-dto.js';
import { participantRepository } from './participant-repository.js';
import { raiseHand } from './raise-hand.js';

export interface ParticipantRouteOptions {
  ctx: AppContext;
  auth: Authenticator;
}

const errors = ERROR_RESPONSES;
const tags = ['participants'];

function repositories({ ctx, auth }: ParticipantRouteOptions) {
  const sessions = sessionRepository(ctx.database.db, ctx.accessCache);
  const participants = participantRepository(ctx.database.db, ctx.accessCache);
  return { participants, sessionAccess: sessionAccessLoader({ sessions, auth })() };
}

/**
 * SPEC §3: the participants list, role changes, kick and mute; registered under
 * `/api/v1/live/sessions/:session_id/participants`.
 */
export const participantRoutes: FastifyPluginAsyncZod<ParticipantRouteOptions> = async (
  app,
  options,
) => {
  const { ctx } = options;
  const { participants, sessionAccess } = repositories(options);
  const targetSchema = { tags, params: participantParamsSchema };

  app.get(
    '',
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        response: { 200: participantsResponseSchema, ...errors },
      },
      preHandler: sessionAccess,
    },
    async (request) => {
      assertCanRead(request.sessionAccess);
      const rows = await participants.participants(request.params.session_id);
      return { participants: rows.map(toParticipantDto) };
    },
  );

  app.patch(
    '/:user_id',
    {
      schema: {
        ...targetSchema,
        body: updateParticipantBodySchema,
        response: { 200: participantResponseSchema, ...errors },
      },
      preHandler: sessionAccess,
    },
    async (request) => {
      const access = request.sessionAccess;
      assertModerator(access);
      const { user_id: userId } = request.params;
      const { role } = request.body;
      const updated = await changeRole({ ctx, participants, access, userId, role });
      return { participant: toParticipantDto(updated) };
    },
  );

  app.post(
    '/:user_id/kick',
    {
      schema: { ...targetSchema, response: { 200: participantResponseSchema, ...errors } },
      preHandler: sessionAccess,
    },
    async (request) => {
      const access = request.sessionAccess;
      assertModerator(access);
      const userId = request.params.user_id;
      const banned = await kickParticipant({ ctx, participants, access, userId });
      return { participant: toParticipantDto(banned) };
    },
  );

  app.post(
    '/:user_id/mute',
    {
      schema: {
        ...targetSchema,
        body: muteBodySchema,
        response: { 200: muteResponseSchema, ...errors },
      },
      preHandler: sessionAccess,
    },
    async (request) => {
      const access = request.sessionAccess;
      assertModerator(access);
      const { source } = request.body;
      const userId = request.params.user_id;
      const muted = await muteParticipant({ ctx, participants, access, userId, source });
      return { source, muted_tracks: muted };
    },
  );
};

/** `POST …/sessions/:session_id/hand`: the caller raises or lowers their own hand. */
export const handRoute: FastifyPluginAsyncZod<ParticipantRouteOptions> = async (app, options) => {
  const { participants, sessionAccess } = repositories(options);
  app.post(
    '/hand',
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        body: handBodySchema,
        response: { 200: participantResponseSchema, ...errors },
      },
      preHandler: sessionAccess,
    },
    async (request) => {
      const access = request.sessionAccess;
      assertSignedIn(access);
      const { raised } = request.body;
      const updated = await raiseHand({ ctx: options.ctx, participants, access, raised });
      return { participant: toParticipantDto(updated) };
    },
  );
};
