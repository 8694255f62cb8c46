import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { personColumns, sessionIdColumn } from './columns.js';

/**
 * The waiting room (issue 15): one row per identity that knocked on a session. In the database,
 * not in one instance's memory, so a moderator on any instance sees the same list and a restart
 * loses nothing; the live part (who is told what, when) goes over the lobby event bus.
 * A `waiting` row counts only while its wait stream keeps `seen_at` fresh, so a stream cut by a
 * crashed instance does not leave a ghost in the list. `denied` rows keep `decided_at` for the
 * 10-minute refusal; `admitted` lets the identity join until it holds its participant row.
 */
export const lobbyEntries = pgTable(
  'lobby_entries',
  {
    sessionId: sessionIdColumn(),
    /** Its `user_id` is that of the admit and deny paths. */
    ...personColumns(),
    status: text('status', { enum: ['waiting', 'admitted', 'denied'] }).notNull(),
    knockedAt: timestamp('knocked_at', { withTimezone: true }).notNull().defaultNow(),
    /** Touched by the open wait stream; a waiting row older than the freshness window is gone. */
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The moderator's identity. */
    decidedBy: text('decided_by'),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.identity] }),
    index('lobby_entries_status_idx').on(t.sessionId, t.status, t.knockedAt),
    check('lobby_entries_status_check', sql`${t.status} in ('waiting', 'admitted', 'denied')`),
  ],
);
