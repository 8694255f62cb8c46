import { sql } from 'drizzle-orm';
import {
  check,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, timestamps } from './columns.js';

/** Accounts (SPEC §2). Guests are not stored here: they live only in their short token. */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /**
     * The email that signs in with a password, stored lower-cased, so uniqueness ignores case.
     * Null for accounts that come from the host site or an OpenID provider: their email is kept
     * with the external identity, so it can never match, and take over, a local account.
     */
    email: text('email'),
    username: text('username').notNull(),
    /** Null for accounts that sign in only through the host site or an OpenID provider. */
    passwordHash: text('password_hash'),
    role: text('role', { enum: ['admin', 'mentor', 'user'] })
      .notNull()
      .default('user'),
    /** Set by an admin: the account cannot sign in and its tokens are revoked; null = enabled. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_username_key').on(t.username),
    check('users_role_check', sql`${t.role} in ('admin', 'mentor', 'user')`),
  ],
);

/**
 * Bearer tokens of signed-in users and guests. Only the SHA-256 of a token is stored; logout
 * revokes one, a password change revokes all of a user's.
 */
export const authTokens = pgTable(
  'auth_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    kind: text('kind', { enum: ['user', 'guest'] }).notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** For guests: their id (`guest:<id>` is their identity) and the name they gave. */
    guestId: text('guest_id'),
    displayName: text('display_name'),
    createdAt: createdAtColumn(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('auth_tokens_user_idx').on(t.userId),
    check('auth_tokens_kind_check', sql`${t.kind} in ('user', 'guest')`),
    check(
      'auth_tokens_subject_check',
      sql`(${t.kind} = 'user' and ${t.userId} is not null) or (${t.kind} = 'guest' and ${t.guestId} is not null)`,
    ),
  ],
);

/**
 * An account of the host site (a trusted JWT) or an OpenID provider, linked to one of ours by
 * issuer + subject: never by email, which the other side may let people choose.
 */
export const externalIdentities = pgTable(
  'external_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The email the other side gave last, for people to read; never used to match. */
    email: text('email'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.issuer, t.subject] }),
    index('external_identities_user_idx').on(t.userId),
  ],
);

/**
 * JWTs that may not be used again until they expire: spent by the one-time hand-off, or
 * signed out. The key is `jti:<issuer>:<jti>`, or `sha256:<hash of the token>` for a token
 * without a `jti`. Shared by every app instance through the database.
 */
export const spentTokens = pgTable(
  'spent_tokens',
  {
    key: text('key').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('spent_tokens_expires_idx').on(t.expiresAt)],
);

/**
 * OpenID sign-ins under way: what the callback must check (nonce) and send (PKCE verifier),
 * by the SHA-256 of their `state`, which the browser also holds in an HttpOnly cookie. Taken
 * (deleted) by the callback, so each works once, on whichever instance the provider returns to.
 */
export const oidcLogins = pgTable(
  'oidc_logins',
  {
    stateHash: text('state_hash').primaryKey(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    nextPath: text('next_path').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oidc_logins_expires_idx').on(t.expiresAt)],
);
