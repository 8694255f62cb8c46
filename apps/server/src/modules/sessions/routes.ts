import {
  createSessionBodySchema,
  createSessionResponseSchema,
  inviteResponseSchema,
  joinBodySchema,
  joinResponseSchema,
  listSessionsQuerySchema,
  listSessionsResponseSchema,
  sessionIdParamsSchema,
  sessionSchema,
  updateSessionBodySchema,
} from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ERROR_RESPONSES } from '../../errors.js';
import type { RateLimits } from '../../plugins/rate-limit.js';
import { identityOf } from '../auth/authenticator.js';
import type { Authenticator } from '../auth/authenticator.js';
import { participantRepository } from '../participants/participant-repository.js';
import { assertCanRead, assertOwner } from './access.js';
import { createSession } from './create-session.js';
import { deleteSession } from './delete-session.js';
import { endSession } from './end-session.js';
import { inviteLink } from './invite.js';
import { joinSession } from './join-session.js';
import { rotateInvite } from './rotate-invite.js';
import { sessionAccessLoader } from './session-access.js';
import { toSessionDto } from './session-dto.js';
import { sessionRepository } from './session-repository.js';
import { startSession } from './start-session.js';
import { updateSession } from './update-session.js';

export interface SessionRouteOptions {
  ctx: AppContext;
  auth: Authenticator;
  limits: RateLimits;
}

const errors = ERROR_RESPONSES;
const tags = ['sessions'];

/** SPEC §3: sessions, their lifecycle, invites and joins; registered under `/api/v1/live/sessions`. */
export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (
  app,
  { ctx, auth, limits },
) => {
  const sessions = sessionRepository(ctx.database.db, ctx.accessCache);
  const participants = participantRepository(ctx.database.db, ctx.accessCache);
  const sessionAccess = sessionAccessLoader({ sessions, auth })();
  const viewOf = async (id: string) => toSessionDto(await sessions.view(id));
  const idSchema = { tags, params: sessionIdParamsSchema };

  app.get(
    '',
    {
      schema: {
        tags,
        querystring: listSessionsQuerySchema,
        response: { 200: listSessionsResponseSchema, ...errors },
      },
    },
    async (request) => {
      const principal = await auth.principal(request);
      const q = request.query;
      const { rows, total } = await sessions.list({
        viewer: {
          userId: principal?.kind === 'user' ? principal.user.id : undefined,
          identity: principal ? identityOf(principal) : undefined,
          isAdmin: principal?.kind === 'user' && principal.user.role === 'admin',
        },
        status: q.status,
        isPublic: q.is_public,
        page: q.page,
        pageSize: q.page_size,
      });
      return { sessions: rows.map(toSessionDto), total, page: q.page, page_size: q.page_size };
    },
  );

  app.get(
    '/:session_id',
    {
      schema: {
        ...idSchema,
        querystring: z.object({ invite_token: z.string().max(200).optional() }),
        response: { 200: sessionSchema, ...errors },
      },
      preHandler: sessionAccess,
    },
    async (request) => {
      assertCanRead(request.sessionAccess, request.query.invite_token);
      return toSessionDto(request.sessionAccess.view);
    },
  );

  app.post(
    '',
    {
      schema: {
        tags,
        body: createSessionBodySchema,
        response: { 201: createSessionResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const owner = await auth.requireUser(request, ['admin', 'mentor']);
      const created = await createSession({
        ctx,
        sessions,
        participants,
        owner,
        input: request.body,
      });
      const { session, invite } = created;
      return reply.code(201).send({
        session_id: session.sessionId,
        invite_link: invite
          ? inviteLink(ctx.config.publicUrl, session.sessionId, invite.secret)
          : null,
        host_token: created.hostToken,
        server_url: ctx.livekit.clientUrl,
        created_at: session.createdAt.toISOString(),
        message: session.status === 'live' ? 'session created and live' : 'session created',
      });
    },
  );

  app.patch(
    '/:session_id',
    {
      schema: {
        ...idSchema,
        body: updateSessionBodySchema,
        response: { 200: sessionSchema, ...errors },
      },
      preHandler: sessionAccess,
    },
    async (request) => {
      const access = request.sessionAccess;
      assertOwner(access);
      await updateSession({ sessions, session: access.view.session, changes: request.body });
      return viewOf(request.params.session_id);
    },
  );

  app.post(
    '/:session_id/start',
    {
      schema: { ...idSchema, response: { 200: sessionSchema, ...errors } },
      preHandler: sessionAccess,
    },
    async (request) => {
      const access = request.sessionAccess;
      assertOwner(access);
      await startSession({ ctx, sessions, session: access.view.session });
      return viewOf(request.params.session_id);
    },
  );

  app.post(
    '/:session_id/end',
    {
      schema: { ...idSchema, response: { 200: sessionSchema, ...errors } },
      preHandler: sessionAccess,
    },
    async (request) => {
      const access = request.sessionAccess;
      assertOwner(access);
      await endSession({ ctx, sessions, participants, session: access.view.session });
      return viewOf(request.params.session_id);
    },
  );

  app.delete(
    '/:session_id',
    { schema: { ...idSchema, response: { 204: z.null(), ...errors } }, preHandler: sessionAccess },
    async (request, reply) => {
      const access = request.sessionAccess;
      assertOwner(access);
      await deleteSession({ ctx, sessions, participants, session: access.view.session });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/:session_id/invite',
    {
      schema: { ...idSchema, response: { 200: inviteResponseSchema, ...errors } },
      preHandler: sessionAccess,
    },
    async (request) => {
      assertOwner(request.sessionAccess);
      const sessionId = request.params.session_id;
      const invite = await rotateInvite({ ctx, sessions, sessionId });
      return {
        invite_link: inviteLink(ctx.config.publicUrl, sessionId, invite.secret),
        invite_expires_at: invite.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/:session_id/join',
    {
      schema: {
        ...idSchema,
        body: joinBodySchema.optional(),
        response: { 200: joinResponseSchema, ...errors },
      },
      config: { rateLimit: limits.join },
      preHandler: sessionAccess,
    },
    async (request) =>
      joinSession({
        ctx,
        participants,
        access: request.sessionAccess,
        displayName: request.body?.display_name,
        inviteToken: request.body?.invite_token,
      }),
  );
};
