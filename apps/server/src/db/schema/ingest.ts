import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, sessionIdColumn } from './columns.js';

/**
 * Stream keys for OBS (issue 15): one row per key a session's host created. The key itself is a
 * LiveKit token and is never stored, only its SHA-256 (to recognise it, never to rebuild it).
 * A session's active key is its one row with `revoked_at` null: creating a key revokes the
 * previous one in the same transaction. The key publishes as `ingest:<key_id>`, so a connection
 * of any other key of the session is removed on sight (the webhook and the reconcile pass).
 */
export const ingestKeys = pgTable(
  'ingest_keys',
  {
    keyId: uuid('key_id').primaryKey(),
    sessionId: sessionIdColumn(),
    /** SHA-256 (hex) of the token. */
    tokenHash: text('token_hash').notNull(),
    /** The account that created it. */
    createdBy: text('created_by').notNull(),
    createdAt: createdAtColumn(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('ingest_keys_session_idx').on(t.sessionId, t.revokedAt)],
);
