import { z } from 'zod';
import { sessionIdParamsSchema } from './sessions.js';
import { sessionRoleSchema } from './roles.js';

export const participantSchema = z.object({
  user_id: z.string(),
  identity: z.string(),
  display_name: z.string(),
  role: sessionRoleSchema,
  connected: z.boolean(),
  joined_at: z.string().nullable(),
  left_at: z.string().nullable(),
  hand_raised: z.boolean(),
});
export type Participant = z.infer<typeof participantSchema>;

export const participantParamsSchema = sessionIdParamsSchema.extend({
  user_id: z.string().min(1).max(100),
});
export const participantsResponseSchema = z.object({ participants: z.array(participantSchema) });
export const participantResponseSchema = z.object({ participant: participantSchema });

/** Roles a moderator may give; `host` belongs to the owner alone. */
export const assignableRoleSchema = z.enum(['co_host', 'speaker', 'viewer']);
export const updateParticipantBodySchema = z.object({ role: assignableRoleSchema });

export const trackSourceSchema = z.enum(['microphone', 'camera', 'screen_share']);
export const muteBodySchema = z.object({ source: trackSourceSchema });
export const muteResponseSchema = z.object({ source: trackSourceSchema, muted_tracks: z.number() });

export const handBodySchema = z.object({ raised: z.boolean() });
