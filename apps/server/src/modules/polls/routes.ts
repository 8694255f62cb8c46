import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { assertChatMember } from '../chat/assert-chat-member.js';
import { assertModerator } from '../sessions/access.js';
import { sessionScope } from '../sessions/session-access.js';
import { changePollStatus } from './change-poll-status.js';
import { createPoll } from './create-poll.js';
import { pollDelivery } from './deliver-polls.js';
import { pollRepository } from './poll-repository.js';
import { roomItems } from './room-items.js';
import { votePoll } from './vote-poll.js';

/**
 * Polls (issue 15), under `/api/v1/live/sessions/:session_id/polls`: hosts, co-hosts and admins
 * create, open and close; every member of the session (as for chat: not banned) reads and
 * votes once. Stored first, then sent over LiveKit data (topic `polls`) by the server alone.
 */
export const pollRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { ctx, auth }) => {
  const { route } = sessionScope(app, { ctx, auth });
  const { uses, listFor } = roomItems(app, ctx, pollRepository, pollDelivery);

  route(apiRoutes.listPolls, assertChatMember, async (access) => ({
    polls: await listFor(access),
  }));

  route(apiRoutes.createPoll, assertModerator, async (access, request, reply) => {
    const poll = await createPoll({ ...uses, access, body: request.body });
    return reply.code(201).send({ poll });
  });

  for (const [apiRoute, to] of [
    [apiRoutes.openPoll, 'open'],
    [apiRoutes.closePoll, 'closed'],
  ] as const) {
    route(apiRoute, assertModerator, async (access, request) => ({
      poll: await changePollStatus({ ...uses, access, pollId: request.params.poll_id, to }),
    }));
  }

  route(apiRoutes.votePoll, assertChatMember, async (access, request, reply) => {
    const poll = await votePoll({
      ...uses,
      access,
      pollId: request.params.poll_id,
      option: request.body.option,
    });
    return reply.code(201).send({ poll });
  });
};
