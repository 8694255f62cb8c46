import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { liveSessions } from '../schema.js';

/** When the row was made. */
export const createdAtColumn = () =>
  timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** When a row was made and last changed. */
export const timestamps = {
  createdAt: createdAtColumn(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** A row's owner, by its uuid: required, and the row is deleted with it. */
export const ownerColumn = (name: string, owner: () => AnyPgColumn) =>
  uuid(name).notNull().references(owner, { onDelete: 'cascade' });

/** The session a row belongs to: the row is deleted with it. */
export const sessionIdColumn = () => ownerColumn('session_id', () => liveSessions.sessionId);

/** What a row of a session's own list starts with: its id, and its session. */
export const sessionRowColumns = () => ({
  id: uuid('id').primaryKey(),
  sessionId: sessionIdColumn(),
});

/** Who, as LiveKit knows them: `user:<id>` or `guest:<id>`. */
export const identityColumn = () => text('identity').notNull();

/**
 * A person in a session: their identity, their account id or guest id (not a foreign key, since
 * guests have no row), and the name they go by there.
 */
export const personColumns = () => ({
  identity: identityColumn(),
  userId: text('user_id').notNull(),
  displayName: text('display_name').notNull(),
});
