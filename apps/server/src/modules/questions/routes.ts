import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { assertChatMember } from '../chat/assert-chat-member.js';
import { assertModerator } from '../sessions/access.js';
import { sessionScope } from '../sessions/session-access.js';
import { askQuestion } from './ask-question.js';
import { questionDelivery } from './deliver-questions.js';
import { roomItems } from '../polls/room-items.js';
import { questionRepository } from './question-repository.js';
import { updateQuestion } from './update-question.js';
import { upvoteQuestion } from './upvote-question.js';

/**
 * Q&A (issue 15), under `/api/v1/live/sessions/:session_id/questions`: members of the session
 * (as for chat) ask, rate-limited per caller, and upvote once each; hosts, co-hosts and admins
 * mark answered or hide. Stored first, then sent over LiveKit data (topic `questions`) by the
 * server alone.
 */
export const questionRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth, limits },
) => {
  const { route } = sessionScope(app, { ctx, auth });
  const { uses, listFor } = roomItems(app, ctx, questionRepository, questionDelivery);

  route(apiRoutes.listQuestions, assertChatMember, async (access) => ({
    questions: await listFor(access),
  }));

  route(
    apiRoutes.askQuestion,
    assertChatMember,
    async (access, request, reply) => {
      const question = await askQuestion({ ...uses, access, text: request.body.text });
      return reply.code(201).send({ question });
    },
    { config: { rateLimit: limits.questions } },
  );

  route(apiRoutes.updateQuestion, assertModerator, async (access, request) => ({
    question: await updateQuestion({
      ...uses,
      access,
      questionId: request.params.question_id,
      answered: request.body.answered,
      hidden: request.body.hidden,
      ip: request.ip,
    }),
  }));

  route(apiRoutes.upvoteQuestion, assertChatMember, async (access, request) => ({
    question: await upvoteQuestion({
      ...uses,
      access,
      questionId: request.params.question_id,
      up: true,
    }),
  }));

  route(apiRoutes.removeUpvote, assertChatMember, async (access, request, reply) => {
    await upvoteQuestion({ ...uses, access, questionId: request.params.question_id, up: false });
    return reply.code(204).send(null);
  });
};
