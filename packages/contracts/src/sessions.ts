import { z } from 'zod';
import { displayNameSchema } from './auth.js';
import { sessionRoleSchema, sessionStatusSchema, sessionTypeSchema } from './roles.js';
import { pageQuery } from './paging.js';

/** A live session's path (`/:session_id/…`); the routes below it extend it with their own ids. */
export const sessionIdParamsSchema = z.object({
  session_id: z.uuid({ message: 'must be a UUID' }),
});

const titleSchema = z.string().trim().min(1, 'must not be empty').max(200);
const descriptionSchema = z.string().max(5000);
const maxParticipantsSchema = z.number().int().min(0).max(100_000);
const dateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** A live session as every read shows it (SPEC §3). */
export const sessionSchema = z.object({
  session_id: z.string(),
  owner_id: z.string(),
  title: z.string(),
  description: z.string(),
  session_type: sessionTypeSchema,
  status: sessionStatusSchema,
  max_participants: z.number(),
  is_public: z.boolean(),
  is_recorded: z.boolean(),
  /** Joiners who are not host or co-host wait until a moderator admits them (issue 15). */
  waiting_room: z.boolean(),
  scheduled_at: z.string().nullable(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  participant_count: z.number(),
  host: z.object({ id: z.string(), username: z.string() }),
});
export type Session = z.infer<typeof sessionSchema>;

export const createSessionBodySchema = z.object({
  title: titleSchema,
  description: descriptionSchema.default(''),
  session_type: sessionTypeSchema.default('broadcast'),
  max_participants: maxParticipantsSchema.default(0),
  is_public: z.boolean().default(true),
  is_recorded: z.boolean().default(false),
  waiting_room: z.boolean().default(false),
  scheduled_at: dateTimeSchema.nullable().optional(),
  /** Go live at once instead of waiting for `scheduled_at`. */
  start_now: z.boolean().default(false),
});
export type CreateSessionBody = z.infer<typeof createSessionBodySchema>;

export const createSessionResponseSchema = z.object({
  session_id: z.string(),
  invite_link: z.string().nullable(),
  host_token: z.string(),
  server_url: z.string(),
  created_at: z.string(),
  message: z.string(),
});

export const updateSessionBodySchema = z
  .object({
    title: titleSchema,
    description: descriptionSchema,
    session_type: sessionTypeSchema,
    max_participants: maxParticipantsSchema,
    is_public: z.boolean(),
    is_recorded: z.boolean(),
    waiting_room: z.boolean(),
    scheduled_at: dateTimeSchema.nullable(),
  })
  .partial();

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const listSessionsQuerySchema = z.object({
  status: sessionStatusSchema.optional(),
  is_public: booleanQuery.optional(),
  ...pageQuery,
});
export const listSessionsResponseSchema = z.object({
  sessions: z.array(sessionSchema),
  total: z.number(),
  page: z.number(),
  page_size: z.number(),
});

export const joinBodySchema = z.object({
  display_name: displayNameSchema.optional(),
  invite_token: z.string().min(1).max(200).optional(),
});
export const joinResponseSchema = z.object({
  session_id: z.string(),
  access_token: z.string(),
  server_url: z.string(),
  identity: z.string(),
  role: sessionRoleSchema,
  can_publish: z.boolean(),
  can_subscribe: z.boolean(),
  message: z.string(),
});
export type JoinResponse = z.infer<typeof joinResponseSchema>;

/** `POST /api/livekit/token`: the same join, shaped for integrators. */
export const tokenBodySchema = joinBodySchema.extend(sessionIdParamsSchema.shape);
export const tokenResponseSchema = z.object({
  token: z.string(),
  server_url: z.string(),
  identity: z.string(),
  role: sessionRoleSchema,
});

export const inviteResponseSchema = z.object({
  invite_link: z.string(),
  invite_expires_at: z.string(),
});
