import { z } from 'zod';
import { sessionIdParamsSchema } from './sessions.js';
import { nonBlankText } from './text.js';

/**
 * Questions and answers of a live session (issue 15): members ask (rate-limited per caller, as
 * chat is) and upvote once each; hosts and co-hosts mark a question answered or hide it (hidden
 * ones are listed for moderators only). Live over LiveKit data on topic `questions`, sent by the
 * server only.
 */
export const QUESTIONS_TOPIC = 'questions';
export const QUESTION_MAX_LENGTH = 500;

export const questionSchema = z.object({
  id: z.string(),
  session_id: z.string(),
  text: z.string(),
  author: z.object({ identity: z.string(), display_name: z.string() }),
  upvotes: z.number(),
  /** Whether the caller upvoted it; false in data packets. */
  upvoted_by_me: z.boolean(),
  answered: z.boolean(),
  hidden: z.boolean(),
  created_at: z.string(),
});
export type Question = z.infer<typeof questionSchema>;

export const askQuestionBodySchema = z.object({ text: nonBlankText(QUESTION_MAX_LENGTH) });
export const questionParamsSchema = sessionIdParamsSchema.extend({
  question_id: z.uuid({ message: 'must be a question id' }),
});
/** A moderator's change: either flag or both. */
export const updateQuestionBodySchema = z
  .object({ answered: z.boolean().optional(), hidden: z.boolean().optional() })
  .refine((b) => b.answered !== undefined || b.hidden !== undefined, 'set answered or hidden');
export const questionResponseSchema = z.object({ question: questionSchema });
/** Most upvoted first, then oldest first; hidden ones only for hosts, co-hosts and admins. */
export const questionsResponseSchema = z.object({ questions: z.array(questionSchema) });

/**
 * What the server sends on topic `questions`: the question as it is now (`upvoted_by_me`
 * false) after it was asked, upvoted, answered, hidden or shown again. A hidden one is sent too:
 * clients that do not moderate drop it from their list.
 */
export const questionsDataPacketSchema = z.object({
  type: z.literal('question'),
  question: questionSchema,
});
export type QuestionsDataPacket = z.infer<typeof questionsDataPacketSchema>;
