import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './schema/accounts.js';
import {
  createdAtColumn,
  personColumns,
  ownerColumn,
  sessionRowColumns,
  timestamps,
} from './schema/columns.js';

/**
 * The database schema: accounts and sign-in in `schema/accounts.ts`, live sessions, what
 * happens in them and what operations keep of them here. Migrations are generated from what
 * this file exports (`npm run db:generate -w @stagecast/server`).
 */
export * from './schema/accounts.js';
export * from './schema/lobby.js';
export * from './schema/ingest.js';
export * from './schema/classroom.js';

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
    /** Joiners other than hosts and co-hosts wait in the lobby until admitted (issue 15). */
    waitingRoom: boolean('waiting_room').notNull().default(false),
    /** SHA-256 of the current invite secret; rotating replaces it, so old links stop working. */
    inviteHash: text('invite_hash'),
    inviteExpiresAt: timestamp('invite_expires_at', { withTimezone: true }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /**
     * Bumped when what a calendar shows of the session changes (its start time, its title): the
     * `SEQUENCE` of its `.ics`, so calendars replace the copy they imported (RFC 5545 §3.8.7.4).
     */
    revision: integer('revision').notNull().default(0),
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
    ...sessionRowColumns(),
    ...personColumns(),
    role: text('role', { enum: ['host', 'co_host', 'speaker', 'viewer'] }).notNull(),
    connected: boolean('connected').notNull().default(false),
    handRaised: boolean('hand_raised').notNull().default(false),
    /** Set when a moderator kicks the identity: it may not rejoin. */
    bannedAt: timestamp('banned_at', { withTimezone: true }),
    /**
     * LiveKit's id of the identity's current connection. A `participant_left` for another sid
     * is an old connection's, arriving after its reconnect's join: it must not mark it gone.
     */
    livekitSid: text('livekit_sid'),
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

/** Chat kept with its session; deleted messages stay as rows, hidden from everyone. */
export const chatMessages = pgTable(
  'chat_messages',
  {
    ...sessionRowColumns(),
    senderIdentity: text('sender_identity').notNull(),
    senderName: text('sender_name').notNull(),
    senderRole: text('sender_role').notNull(),
    text: text('text').notNull(),
    /** Chosen by the client so a retry after a reconnect does not store the message twice. */
    clientMessageId: text('client_message_id'),
    createdAt: createdAtColumn(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: text('deleted_by'),
  },
  (t) => [
    index('chat_messages_session_idx').on(t.sessionId, t.createdAt),
    uniqueIndex('chat_messages_client_id_key').on(t.sessionId, t.senderIdentity, t.clientMessageId),
  ],
);

/** LiveKit webhook event ids already applied: a redelivered event is applied once. */
export const webhookEvents = pgTable('webhook_events', {
  id: text('id').primaryKey(),
  event: text('event').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Recordings of sessions (SPEC §4). At most one recording per session is in progress
 * (`starting`, `active` or `ending`): a partial unique index makes a second start a conflict,
 * whichever app instance takes it. The file lives at `DATA_DIR/recordings/<id>.mp4` (built-in
 * recorder, egress to a shared folder) or at an S3 key; both are made from the id alone.
 */
export const recordings = pgTable(
  'recordings',
  {
    ...sessionRowColumns(),
    status: text('status', { enum: ['starting', 'active', 'ending', 'complete', 'failed'] })
      .notNull()
      .default('starting'),
    backend: text('backend', { enum: ['builtin', 'egress'] }).notNull(),
    /** Who asked: `user:<id>`, or `auto` when the session records from going live. */
    startedBy: text('started_by').notNull(),
    /** The app instance running a built-in recorder (`host:port`); it finalises after a crash. */
    node: text('node'),
    egressId: text('egress_id'),
    /** `file` (under DATA_DIR/recordings) or `s3`; the name is always `<id>.mp4`. */
    storage: text('storage', { enum: ['file', 's3'] })
      .notNull()
      .default('file'),
    location: text('location'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    error: text('error'),
    /** A running built-in recorder touches this; a stale one is finalised by the reconcile loop. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('recordings_session_idx').on(t.sessionId, t.createdAt),
    uniqueIndex('recordings_one_in_progress_key')
      .on(t.sessionId)
      .where(sql`${t.status} in ('starting', 'active', 'ending')`),
    uniqueIndex('recordings_egress_key').on(t.egressId),
    check(
      'recordings_status_check',
      sql`${t.status} in ('starting', 'active', 'ending', 'complete', 'failed')`,
    ),
    check('recordings_backend_check', sql`${t.backend} in ('builtin', 'egress')`),
    check('recordings_storage_check', sql`${t.storage} in ('file', 's3')`),
  ],
);

/**
 * Attendance: one row per LiveKit connection (its sid) of a participant, from the webhooks. A
 * reconnect is a new connection and a new row; stays (connections less than the merge window
 * apart) are made when the report is read, so webhooks arriving late, twice or out of order
 * change nothing: both ends are kept as the earliest time any event gave them.
 */
export const attendanceIntervals = pgTable(
  'attendance_intervals',
  {
    ...sessionRowColumns(),
    /** LiveKit's id of this connection (`PA_…`). */
    livekitSid: text('livekit_sid').notNull(),
    ...personColumns(),
    /** The role the participant had when this connection began. */
    role: text('role', { enum: ['host', 'co_host', 'speaker', 'viewer'] }).notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true, precision: 3 }).notNull(),
    /** Null while connected; the session's end closes what is still open. */
    leftAt: timestamp('left_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('attendance_intervals_connection_key').on(t.sessionId, t.livekitSid),
    index('attendance_intervals_session_idx').on(t.sessionId, t.identity),
  ],
);

/**
 * The audit log of moderation and admin actions, append-only: the API only ever inserts and
 * reads. `session_id` is not a foreign key on purpose: deleting a session keeps its record.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action').notNull(),
    /** An account id (or a guest id, for a guest promoted to co-host) and its name then. */
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    sessionId: uuid('session_id'),
    targetUserId: text('target_user_id'),
    targetIdentity: text('target_identity'),
    targetName: text('target_name'),
    /** The client's address as the server saw it (`TRUST_PROXY` decides whose). */
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_log_session_idx').on(t.sessionId, t.id),
    index('audit_log_actor_idx').on(t.actorId, t.id),
  ],
);

/**
 * The platform sampled every `STATS_INTERVAL` (issue 12), one row per time slot, kept for
 * `STATS_RETENTION`. The instance whose insert creates the row takes the sample (sessions,
 * people, LiveKit's traffic); every instance adds its own counts (joins, their latencies
 * bucketed, 4xx and 5xx answers), which add up to the platform's.
 */
export const statsSamples = pgTable('stats_samples', {
  /** The slot's start: a multiple of the interval since the epoch. */
  at: timestamp('at', { withTimezone: true }).primaryKey(),
  /** The slot's length (the interval when it was taken). */
  seconds: integer('seconds').notNull(),
  // Taken by the instance that created the row; null until then, or when unknown.
  liveSessions: integer('live_sessions'),
  connectedUsers: integer('connected_users'),
  recordingsActive: integer('recordings_active'),
  bytesInPerSecond: doublePrecision('bytes_in_per_second'),
  bytesOutPerSecond: doublePrecision('bytes_out_per_second'),
  packetLossPercent: doublePrecision('packet_loss_percent'),
  livekitRooms: integer('livekit_rooms'),
  livekitParticipants: integer('livekit_participants'),
  // Added by every instance.
  joins: integer('joins').notNull().default(0),
  /** Join latencies as counts per bucket (`metrics/latency-buckets.ts`). */
  joinBuckets: integer('join_buckets').array().notNull(),
  http4xx: integer('http_4xx').notNull().default(0),
  http5xx: integer('http_5xx').notNull().default(0),
});

/**
 * The host site's webhook endpoints (issue 14), managed by admins. The secret (`whsec_…`) is
 * kept as it is, since signing needs it, and never leaves the server after its creation answer.
 * After a rotation the previous one also signs for a while, so receivers can switch.
 */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id').primaryKey(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  /** The event types it receives; null: all, including types added later. */
  eventTypes: text('event_types').array(),
  enabled: boolean('enabled').notNull().default(true),
  secret: text('secret').notNull(),
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
  ...timestamps,
});

/**
 * The outbox of webhooks out and their delivery log: one row per (event, endpoint), inserted in
 * the transaction of the change that caused the event. Workers claim due `pending` rows with
 * `FOR UPDATE SKIP LOCKED` and push `next_attempt_at` past the attempt, so two instances never
 * send one row at once; the body is stored as sent, so every retry posts the same bytes under
 * the same event id.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    endpointId: ownerColumn('endpoint_id', () => webhookEndpoints.id),
    /** `webhook-id`: one per event, shared by its endpoints' rows, kept on every retry. */
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The JSON body `{type, timestamp, data}`, exactly as posted. */
    payload: text('payload').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When a worker may (next) try it; null once delivered or failed. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }),
    /** No retry is scheduled past this (24 h after the event, or after a replay). */
    giveUpAt: timestamp('give_up_at', { withTimezone: true }).notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_endpoint_key').on(t.eventId, t.endpointId),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
    check(
      'webhook_deliveries_status_check',
      sql`${t.status} in ('pending', 'delivered', 'failed')`,
    ),
  ],
);
