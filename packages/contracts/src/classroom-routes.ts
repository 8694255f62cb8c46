import { noContentSchema, routeGroup } from './api-route.js';
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

const inSession = { params: sessionIdParamsSchema };
const polls = routeGroup('polls', '/api/v1/live/sessions/:session_id/polls', inSession);
const poll = { params: pollParamsSchema };
const questions = routeGroup('questions', '/api/v1/live/sessions/:session_id/questions', inSession);
const question = { params: questionParamsSchema };

/** Polls and Q&A of a session (issue 15); live over LiveKit data on `polls` and `questions`. */
export const classroomRoutes = {
  listPolls: polls.get('', { 200: pollsResponseSchema }),
  createPoll: polls.post('', { 201: pollResponseSchema }, { body: createPollBodySchema }),
  openPoll: polls.post('/:poll_id/open', { 200: pollResponseSchema }, poll),
  closePoll: polls.post('/:poll_id/close', { 200: pollResponseSchema }, poll),
  /** One vote per member: a second one is 409 `already_voted`, one on a closed poll 409 `poll_closed`. */
  votePoll: polls.post(
    '/:poll_id/votes',
    { 201: pollResponseSchema },
    { ...poll, body: voteBodySchema },
  ),

  listQuestions: questions.get('', { 200: questionsResponseSchema }),
  askQuestion: questions.post('', { 201: questionResponseSchema }, { body: askQuestionBodySchema }),
  /** Answered or hidden (hosts, co-hosts, admins). */
  updateQuestion: questions.patch(
    '/:question_id',
    { 200: questionResponseSchema },
    { ...question, body: updateQuestionBodySchema },
  ),
  /** Once per member: a second one is 409 `already_upvoted`. */
  upvoteQuestion: questions.post('/:question_id/upvote', { 200: questionResponseSchema }, question),
  /** Takes the caller's upvote back (nothing to take back: 204 all the same). */
  removeUpvote: questions.delete('/:question_id/upvote', { 204: noContentSchema }, question),
} as const;
