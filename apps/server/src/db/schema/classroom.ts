import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, identityColumn, ownerColumn, sessionRowColumns } from './columns.js';

/** A poll of a session (issue 15): a draft, then open, then closed; never back. */
export const polls = pgTable(
  'polls',
  {
    ...sessionRowColumns(),
    question: text('question').notNull(),
    /** The options' texts, in order: a vote names its index. */
    options: jsonb('options').$type<string[]>().notNull(),
    status: text('status', { enum: ['draft', 'open', 'closed'] }).notNull(),
    /** The moderator's identity. */
    createdBy: text('created_by').notNull(),
    createdAt: createdAtColumn(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('polls_session_idx').on(t.sessionId, t.createdAt),
    check('polls_status_check', sql`${t.status} in ('draft', 'open', 'closed')`),
  ],
);

/** One vote per identity per poll: the primary key is what refuses a second one. */
export const pollVotes = pgTable(
  'poll_votes',
  {
    pollId: ownerColumn('poll_id', () => polls.id),
    identity: identityColumn(),
    option: integer('option').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.identity] })],
);

/** A question asked in a session's Q&A (issue 15). */
export const questions = pgTable(
  'questions',
  {
    ...sessionRowColumns(),
    authorIdentity: text('author_identity').notNull(),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    /** The moderator who hid it. */
    hiddenBy: text('hidden_by'),
    createdAt: createdAtColumn(),
  },
  (t) => [index('questions_session_idx').on(t.sessionId, t.createdAt)],
);

/** One upvote per identity per question: the primary key refuses a second one. */
export const questionUpvotes = pgTable(
  'question_upvotes',
  {
    questionId: ownerColumn('question_id', () => questions.id),
    identity: identityColumn(),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.identity] })],
);
