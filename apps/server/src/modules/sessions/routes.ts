import { randomUUID } from 'node:crypto';
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
  tokenBodySchema,
  tokenResponseSchema,
  updateSessionBodySchema,
} from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError, ERROR_RESPONSES } from '../../errors.js';
import { createJoinToken } from '../../livekit/index.js';
import type { RateLimits } from '../../plugins/rate-limit.js';
import { identityOf } from '../auth/authenticator.js';
import type { Authenticator } from '../auth/authenticator.js';
import { loadAccess, requireOwner, requireRead } from './access.js';
import { inviteLink, newInvite } from './invite.js';
import { joinSession } from './join-session.js';
import { endSession, startSession } from './lifecycle.js';
import { toSessionDto } from './session-dto.js';
import { sessionRepository } from './session-repository.js';

export interface SessionRouteOptions {
  ctx: AppContext;
  auth: Authenticator;
  limits: RateLimits;
}

const errors = ERROR_RESPONSES;
const tags = ['sessions'];
const base = '/api/v1/live/sessions';

/** SPEC §3: sessions, their lifecycle, invites and joins. */
export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (
  app,
  { ctx, auth, limits },
) => {
  const repo = sessionRepository(ctx.database.db, ctx.accessCache);
  const viewOf = async (id: string) => toSessionDto((await repo.view(id))!);

  app.get(
    base,
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
      const { rows, total } = await repo.list({
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
    `${base}/:session_id`,
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        querystring: z.object({ invite_token: z.string().max(200).optional() }),
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      requireRead(access, request.query.invite_token);
      return toSessionDto(access.view);
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        body: createSessionBodySchema,
        response: { 201: createSessionResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const user = await auth.requireUser(request, ['admin', 'mentor']);
      const body = request.body;
      const invite = body.is_public ? undefined : newInvite(ctx.config.inviteTtlSeconds);
      let session = await repo.create({
        sessionId: randomUUID(),
        ownerId: user.id,
        title: body.title,
        description: body.description,
        sessionType: body.session_type,
        maxParticipants: body.max_participants,
        isPublic: body.is_public,
        isRecorded: body.is_recorded,
        scheduledAt: body.scheduled_at ? new Date(body.scheduled_at) : null,
        inviteHash: invite?.hash ?? null,
        inviteExpiresAt: invite?.expiresAt ?? null,
      });
      if (body.start_now) session = await startSession(ctx, repo, session);
      const hostToken = createJoinToken({
        keys: ctx.livekit.keys,
        room: session.sessionId,
        identity: `user:${user.id}`,
        name: user.username,
        role: 'host',
        ttlSeconds: ctx.config.tokenTtlSeconds,
      });
      // The owner joins with this token too, so they hold their host row from the start.
      await repo.upsertParticipant({
        id: randomUUID(),
        sessionId: session.sessionId,
        userId: user.id,
        identity: `user:${user.id}`,
        displayName: user.username,
        role: 'host',
      });
      return reply.code(201).send({
        session_id: session.sessionId,
        invite_link: invite
          ? inviteLink(ctx.config.publicUrl, session.sessionId, invite.secret)
          : null,
        host_token: hostToken,
        server_url: ctx.livekit.clientUrl,
        created_at: session.createdAt.toISOString(),
        message: session.status === 'live' ? 'session created and live' : 'session created',
      });
    },
  );

  app.patch(
    `${base}/:session_id`,
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        body: updateSessionBodySchema,
        response: { 200: sessionSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      requireOwner(access);
      if (access.view.session.status === 'ended') {
        throw new AppError('CONFLICT', 'an ended session cannot be changed', { status: 'ended' });
      }
      const b = request.body;
      await repo.update(request.params.session_id, {
        ...(b.title !== undefined && { title: b.title }),
        ...(b.description !== undefined && { description: b.description }),
        ...(b.session_type !== undefined && { sessionType: b.session_type }),
        ...(b.max_participants !== undefined && { maxParticipants: b.max_participants }),
        ...(b.is_public !== undefined && { isPublic: b.is_public }),
        ...(b.is_recorded !== undefined && { isRecorded: b.is_recorded }),
        ...(b.scheduled_at !== undefined && {
          scheduledAt: b.scheduled_at ? new Date(b.scheduled_at) : null,
        }),
      });
      return viewOf(request.params.session_id);
    },
  );

  app.post(
    `${base}/:session_id/start`,
    {
      schema: { tags, params: sessionIdParamsSchema, response: { 200: sessionSchema, ...errors } },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      requireOwner(access);
      await startSession(ctx, repo, access.view.session);
      return viewOf(request.params.session_id);
    },
  );

  app.post(
    `${base}/:session_id/end`,
    {
      schema: { tags, params: sessionIdParamsSchema, response: { 200: sessionSchema, ...errors } },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      requireOwner(access);
      await endSession(ctx, repo, access.view.session);
      return viewOf(request.params.session_id);
    },
  );

  app.delete(
    `${base}/:session_id`,
    { schema: { tags, params: sessionIdParamsSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      requireOwner(access);
      if (access.view.session.status !== 'ended') await endSession(ctx, repo, access.view.session);
      await ctx.hooks?.sessionDeleting?.({ sessionId: request.params.session_id });
      await repo.delete(request.params.session_id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${base}/:session_id/invite`,
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        response: { 200: inviteResponseSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      requireOwner(access);
      const invite = newInvite(ctx.config.inviteTtlSeconds);
      await repo.update(request.params.session_id, {
        inviteHash: invite.hash,
        inviteExpiresAt: invite.expiresAt,
      });
      return {
        invite_link: inviteLink(ctx.config.publicUrl, request.params.session_id, invite.secret),
        invite_expires_at: invite.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    `${base}/:session_id/join`,
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        body: joinBodySchema.optional(),
        response: { 200: joinResponseSchema, ...errors },
      },
      config: { rateLimit: limits.join },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      return joinSession(ctx, repo, access, {
        displayName: request.body?.display_name,
        inviteToken: request.body?.invite_token,
      });
    },
  );

  app.post(
    '/api/livekit/token',
    {
      schema: {
        tags: ['livekit'],
        body: tokenBodySchema,
        response: { 200: tokenResponseSchema, ...errors },
      },
      config: { rateLimit: limits.join },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.body.session_id);
      const joined = await joinSession(ctx, repo, access, {
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
  );
};
