import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { AppError } from '../../errors.js';
import { assertModerator } from '../sessions/access.js';
import { sessionScope } from '../sessions/session-access.js';
import { assertChatMember } from './assert-chat-member.js';
import { chatRepository, toChatDto } from './chat-repository.js';
import { deleteMessage } from './delete-message.js';
import { sendMessage } from './send-message.js';

/**
 * SPEC §3 chat, registered under `/api/v1/live/sessions/:session_id/chat`: stored first, then
 * delivered over LiveKit data (topic `chat`) with the sender set by the server; clients hold no
 * data-publish grant, so nothing else can appear there.
 */
export const chatRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth, limits },
) => {
  const { route } = sessionScope(app, { ctx, auth });
  const chat = chatRepository(ctx.database.db);

  route(apiRoutes.chatHistory, assertChatMember, async (_access, request) => {
    const sessionId = request.params.session_id;
    const { before: beforeId, limit } = request.query;
    const before = beforeId ? await chat.find(sessionId, beforeId) : undefined;
    if (beforeId && !before) {
      throw new AppError('NOT_FOUND', 'no such message', { field: 'before' });
    }
    const { rows, hasMore } = await chat.page(sessionId, limit, before);
    return { messages: rows.map(toChatDto), has_more: hasMore };
  });

  route(
    apiRoutes.postChat,
    assertChatMember,
    async (access, request, reply) => {
      const { message, duplicate } = await sendMessage({
        ctx,
        chat,
        access,
        text: request.body.text,
        clientMessageId: request.body.client_message_id,
      });
      return reply.code(duplicate ? 200 : 201).send({ message });
    },
    { config: { rateLimit: limits.chat } },
  );

  route(apiRoutes.deleteChat, assertModerator, async (access, request, reply) => {
    await deleteMessage({ ctx, chat, access, messageId: request.params.message_id });
    return reply.code(204).send(null);
  });
};
