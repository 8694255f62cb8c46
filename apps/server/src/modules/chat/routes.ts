import { randomUUID } from 'node:crypto';
import {
  CHAT_TOPIC,
  chatHistoryQuerySchema,
  chatHistoryResponseSchema,
  chatMessageParamsSchema,
  chatMessageResponseSchema,
  postChatBodySchema,
  sessionIdParamsSchema,
} from '@stagecast/contracts';
import type { ChatDataPacket } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError, ERROR_RESPONSES } from '../../errors.js';
import type { RateLimits } from '../../plugins/rate-limit.js';
import { displayNameOf } from '../auth/authenticator.js';
import type { Authenticator } from '../auth/authenticator.js';
import { loadAccess, requireModerator } from '../sessions/access.js';
import type { SessionAccess } from '../sessions/access.js';
import { sessionRepository } from '../sessions/session-repository.js';
import { chatRepository, toChatDto } from './chat-repository.js';

export interface ChatRouteOptions {
  ctx: AppContext;
  auth: Authenticator;
  limits: RateLimits;
}

const errors = ERROR_RESPONSES;
const tags = ['chat'];
const base = '/api/v1/live/sessions/:session_id/chat';

/** Chat belongs to those in the session: its participants, the owner and admins. */
function requireChatMember(access: SessionAccess): void {
  if (!access.principal)
    throw new AppError('UNAUTHENTICATED', 'sign in first: missing or invalid token');
  if (access.banned) throw new AppError('FORBIDDEN', 'you were removed from this session');
  if (!access.participant && !access.isOwner && !access.isAdmin) {
    throw new AppError('FORBIDDEN', 'join the session to read and send chat');
  }
}

/**
 * SPEC §3 chat: stored first, then delivered over LiveKit data (topic `chat`) with the sender
 * set by the server; clients hold no data-publish grant, so nothing else can appear there.
 */
export const chatRoutes: FastifyPluginAsyncZod<ChatRouteOptions> = async (
  app,
  { ctx, auth, limits },
) => {
  const sessions = sessionRepository(ctx.database.db, ctx.accessCache);
  const chat = chatRepository(ctx.database.db);
  const send = (sessionId: string, packet: ChatDataPacket) =>
    ctx.livekit.rooms.broadcast(sessionId, CHAT_TOPIC, packet).catch((err: Error) => {
      // Stored already: late joiners and reconnecting clients read it from the history.
      ctx.logger.warn(
        { err: err.message, session: sessionId },
        'chat delivery over LiveKit failed',
      );
    });

  app.get(
    base,
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        querystring: chatHistoryQuerySchema,
        response: { 200: chatHistoryResponseSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(sessions, auth, request, request.params.session_id);
      requireChatMember(access);
      const before = request.query.before
        ? await chat.find(request.params.session_id, request.query.before)
        : undefined;
      if (request.query.before && !before)
        throw new AppError('NOT_FOUND', 'no such message', { field: 'before' });
      const { rows, hasMore } = await chat.page(
        request.params.session_id,
        request.query.limit,
        before,
      );
      return { messages: rows.map(toChatDto), has_more: hasMore };
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        body: postChatBodySchema,
        response: { 201: chatMessageResponseSchema, 200: chatMessageResponseSchema, ...errors },
      },
      config: { rateLimit: limits.chat },
    },
    async (request, reply) => {
      const access = await loadAccess(sessions, auth, request, request.params.session_id);
      requireChatMember(access);
      if (access.view.session.status === 'ended') {
        throw new AppError('CONFLICT', 'this session has ended', { status: 'ended' });
      }
      const { row, duplicate } = await chat.insert({
        id: randomUUID(),
        sessionId: request.params.session_id,
        senderIdentity: access.identity!,
        // The owner or an admin who has not joined yet speaks as the host, under their own name.
        senderName: access.participant?.displayName ?? displayNameOf(access.principal!),
        senderRole: access.participant?.role ?? 'host',
        text: request.body.text,
        clientMessageId: request.body.client_message_id ?? null,
      });
      const message = toChatDto(row);
      if (!duplicate) await send(request.params.session_id, { type: 'message', message });
      return reply.code(duplicate ? 200 : 201).send({ message });
    },
  );

  app.delete(
    `${base}/:message_id`,
    { schema: { tags, params: chatMessageParamsSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const access = await loadAccess(sessions, auth, request, request.params.session_id);
      requireModerator(access);
      const removed = await chat.softDelete(
        request.params.session_id,
        request.params.message_id,
        access.identity!,
      );
      if (!removed) throw new AppError('NOT_FOUND', 'no such message');
      await send(request.params.session_id, {
        type: 'deleted',
        message_id: request.params.message_id,
      });
      return reply.code(204).send(null);
    },
  );
};
