import { z } from 'zod';
import { olderPageAnswer, olderPageQuery, positiveId } from './paging.js';

/**
 * The audit log (issue 12): moderation and admin actions, who did them, to whom, where and from
 * which address. Append-only: the API has no way to change or remove an entry.
 */

/** What was done. */
export const auditActionSchema = z.enum([
  'participant_role_change',
  'participant_kick',
  'participant_mute',
  'recording_start',
  'recording_stop',
  'session_end',
  'session_delete',
  'user_role_change',
  'user_disable',
  'user_enable',
  'recording_delete',
  // the waiting room (issue 15): one entry per knock decided
  'lobby_admit',
  'lobby_deny',
  // streaming from OBS (issue 15): a stream key created (or rotated) and revoked
  'ingest_key_create',
  'ingest_key_revoke',
  // Q&A (issue 15): a question hidden from the room, or shown again
  'question_hide',
  'question_show',
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  action: auditActionSchema,
  /** An account id (a guest id for a guest co-host) and the name it had then. */
  actor: z.object({ id: z.string(), name: z.string() }),
  session_id: z.string().nullable(),
  /** The participant or account acted on, when there is one. */
  target: z
    .object({
      user_id: z.string().nullable(),
      identity: z.string().nullable(),
      name: z.string().nullable(),
    })
    .nullable(),
  /** The client's address as the server saw it (behind a proxy: per `TRUST_PROXY`). */
  ip: z.string().nullable(),
  /** What else the action says: the roles before and after, the muted source, the recording… */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  session_id: z.uuid({ message: 'must be a session id (a UUID)' }).optional(),
  actor_id: z
    .string()
    .regex(/^[A-Za-z0-9_.:@-]{1,100}$/, 'must be a user id (letters, digits, _ . : @ -)')
    .optional(),
  action: auditActionSchema.optional(),
  ...olderPageQuery(positiveId('must be an entry id')),
});

export const auditResponseSchema = z.object({
  /** Newest first. */
  entries: z.array(auditEntrySchema),
  ...olderPageAnswer,
});
