import { apiErrorResponses as errors, noContentSchema, route } from './api-route.js';
import {
  createPollBodySchema,
  pollParamsSchema,
  pollResponseSchema,
  pollsResponseSchema,
  voteBodySchema,
} from './polls.js';
import {
  askQuestionBodySchema,
  questionParamsSchema,
  questionResponseSchema,
  questionsResponseSchema,
  updateQuestionBodySchema,
} from './questions.js';
import { sessionIdParamsSchema } from './sessions.js';

const polls = '/api/v1/live/sessions/:session_id/polls';
const questions = '/api/v1/live/sessions/:session_id/questions';

/** Polls and Q&A of a session (issue 15); live over LiveKit data on `polls` and `questions`. */
export const classroomRoutes = {
  listPolls: route({
    method: 'GET',
    path: polls,
    tags: ['polls'],
    params: sessionIdParamsSchema,
    response: { 200: pollsResponseSchema, ...errors },
  }),
  createPoll: route({
    method: 'POST',
    path: polls,
    tags: ['polls'],
    params: sessionIdParamsSchema,
    body: createPollBodySchema,
    response: { 201: pollResponseSchema, ...errors },
  }),
  openPoll: route({
    method: 'POST',
    path: `${polls}/:poll_id/open`,
    tags: ['polls'],
    params: pollParamsSchema,
    response: { 200: pollResponseSchema, ...errors },
  }),
  closePoll: route({
    method: 'POST',
    path: `${polls}/:poll_id/close`,
    tags: ['polls'],
    params: pollParamsSchema,
    response: { 200: pollResponseSchema, ...errors },
  }),
  /** One vote per member: a second one is 409 `already_voted`, one on a closed poll 409 `poll_closed`. */
  votePoll: route({
    method: 'POST',
    path: `${polls}/:poll_id/votes`,
    tags: ['polls'],
    params: pollParamsSchema,
    body: voteBodySchema,
    response: { 201: pollResponseSchema, ...errors },
  }),

  listQuestions: route({
    method: 'GET',
    path: questions,
    tags: ['questions'],
    params: sessionIdParamsSchema,
    response: { 200: questionsResponseSchema, ...errors },
  }),
  askQuestion: route({
    method: 'POST',
    path: questions,
    tags: ['questions'],
    params: sessionIdParamsSchema,
    body: askQuestionBodySchema,
    response: { 201: questionResponseSchema, ...errors },
  }),
  /** Answered or hidden (hosts, co-hosts, admins). */
  updateQuestion: route({
    method: 'PATCH',
    path: `${questions}/:question_id`,
    tags: ['questions'],
    params: questionParamsSchema,
    body: updateQuestionBodySchema,
    response: { 200: questionResponseSchema, ...errors },
  }),
  /** Once per member: a second one is 409 `already_upvoted`. */
  upvoteQuestion: route({
    method: 'POST',
    path: `${questions}/:question_id/upvote`,
    tags: ['questions'],
    params: questionParamsSchema,
    response: { 200: questionResponseSchema, ...errors },
  }),
  /** Takes the caller's upvote back (nothing to take back: 204 all the same). */
  removeUpvote: route({
    method: 'DELETE',
    path: `${questions}/:question_id/upvote`,
    tags: ['questions'],
    params: questionParamsSchema,
    response: { 204: noContentSchema, ...errors },
  }),
} as const;
