import { z } from 'zod';
import { sessionIdParamsSchema } from './sessions.js';
import { nonBlankText } from './text.js';

/**
 * Polls of a live session (issue 15): a host or co-host writes one (a draft), opens it, closes
 * it; every member of the session votes once while it is open. Results are live for everyone
 * in the room (as the issue asks), over LiveKit data on topic `polls`, sent by the server only.
 */
export const POLLS_TOPIC = 'polls';
export const POLL_QUESTION_MAX_LENGTH = 300;
export const POLL_OPTION_MAX_LENGTH = 120;
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 6;

export const pollStatusSchema = z.enum(['draft', 'open', 'closed']);
export type PollStatus = z.infer<typeof pollStatusSchema>;

export const pollOptionSchema = z.object({
  /** The option's position, 0-based: what a vote names. */
  index: z.number(),
  text: z.string(),
  votes: z.number(),
});

export const pollSchema = z.object({
  id: z.string(),
  session_id: z.string(),
  question: z.string(),
  options: z.array(pollOptionSchema),
  status: pollStatusSchema,
  total_votes: z.number(),
  /** The caller's vote (an option index), null when they have not voted; null in data packets. */
  my_vote: z.number().nullable(),
  created_at: z.string(),
  opened_at: z.string().nullable(),
  closed_at: z.string().nullable(),
});
export type Poll = z.infer<typeof pollSchema>;

export const createPollBodySchema = z.object({
  question: nonBlankText(POLL_QUESTION_MAX_LENGTH),
  options: z
    .array(nonBlankText(POLL_OPTION_MAX_LENGTH))
    .min(POLL_MIN_OPTIONS, `must have at least ${POLL_MIN_OPTIONS} options`)
    .max(POLL_MAX_OPTIONS, `must have at most ${POLL_MAX_OPTIONS} options`)
    .refine(
      (options) => new Set(options.map((o) => o.trim().toLowerCase())).size === options.length,
      'options must differ from one another',
    ),
  /** Opens the poll at once instead of keeping it a draft. */
  open: z.boolean().optional(),
});
export type CreatePollBody = z.infer<typeof createPollBodySchema>;

export const pollParamsSchema = sessionIdParamsSchema.extend({
  poll_id: z.uuid({ message: 'must be a poll id' }),
});
export const voteBodySchema = z.object({
  option: z
    .number()
    .int()
    .min(0)
    .max(POLL_MAX_OPTIONS - 1),
});
export const pollResponseSchema = z.object({ poll: pollSchema });
/** Oldest first; drafts only for hosts, co-hosts and admins. */
export const pollsResponseSchema = z.object({ polls: z.array(pollSchema) });

/**
 * What the server sends on topic `polls`: the poll as it is now (`my_vote` null), after it was
 * created (to moderators only while a draft), opened, closed or voted on. Votes are coalesced
 * (a few packets a second per poll at most), each packet read from the database after the
 * votes it follows, so the last one a client gets carries the exact counts.
 */
export const pollsDataPacketSchema = z.object({ type: z.literal('poll'), poll: pollSchema });
export type PollsDataPacket = z.infer<typeof pollsDataPacketSchema>;
