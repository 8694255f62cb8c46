import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Accounts (SPEC §2). Guests are not stored here: they live only in their short token. */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-cased, so uniqueness ignores case. */
    email: text('email').notNull(),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'mentor', 'user'] })
      .notNull()
      .default('user'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_username_key').on(t.username),
    check('users_role_check', sql`${t.role} in ('admin', 'mentor', 'user')`),
  ],
);

/** A live session; its id is also the LiveKit room name (SPEC §3). */
export const liveSessions = pgTable(
  'live_sessions',
  {
    sessionId: uuid('session_id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    sessionType: text('session_type', { enum: ['broadcast', 'meeting'] }).notNull(),
    status: text('status', { enum: ['scheduled', 'live', 'ended'] })
      .notNull()
      .default('scheduled'),
    maxParticipants: integer('max_participants').notNull().default(0),
    isPublic: boolean('is_public').notNull().default(true),
    isRecorded: boolean('is_recorded').notNull().default(false),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('live_sessions_status_idx').on(t.status, t.isPublic),
    index('live_sessions_owner_idx').on(t.ownerId),
    check('live_sessions_type_check', sql`${t.sessionType} in ('broadcast', 'meeting')`),
    check('live_sessions_status_check', sql`${t.status} in ('scheduled', 'live', 'ended')`),
    check('live_sessions_max_check', sql`${t.maxParticipants} >= 0`),
  ],
);

/**
 * One row per identity per session: its role there, whether it is connected now, and its
 * moderation state. `user_id` is an account id or a guest id, so it is not a foreign key.
 */
export const liveParticipants = pgTable(
  'live_participants',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => liveSessions.sessionId, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    /** `user:<id>` or `guest:<id>`: the LiveKit identity. */
    identity: text('identity').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['host', 'co_host', 'speaker', 'viewer'] }).notNull(),
    connected: boolean('connected').notNull().default(false),
    handRaised: boolean('hand_raised').notNull().default(false),
    /** Set when a moderator kicks the identity: it may not rejoin. */
    bannedAt: timestamp('banned_at', { withTimezone: true }),
    joinedAt: timestamp('joined_at', { withTimezone: true }),
    leftAt: timestamp('left_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('live_participants_session_identity_key').on(t.sessionId, t.identity),
    index('live_participants_identity_idx').on(t.identity, t.connected),
    check(
      'live_participants_role_check',
      sql`${t.role} in ('host', 'co_host', 'speaker', 'viewer')`,
    ),
  ],
);
