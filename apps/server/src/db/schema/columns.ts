import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { liveSessions } from '../schema.js';

/** When the row was made. */
export const createdAtColumn = () =>
  timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** When a row was made and last changed. */
export const timestamps = {
  createdAt: createdAtColumn(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** The session a row belongs to: the row is deleted with it. */
export const sessionIdColumn = () =>
  uuid('session_id')
    .notNull()
    .references(() => liveSessions.sessionId, { onDelete: 'cascade' });

/** Who, as LiveKit knows them: `user:<id>` or `guest:<id>`. */
export const identityColumn = () => text('identity').notNull();
