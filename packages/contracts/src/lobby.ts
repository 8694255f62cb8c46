import { z } from 'zod';
import { sessionIdParamsSchema } from './sessions.js';

/** Where a knock stands: waiting for a moderator, let in, or turned away. */
export const lobbyStatusSchema = z.enum(['waiting', 'admitted', 'denied']);
export type LobbyStatus = z.infer<typeof lobbyStatusSchema>;

/**
 * The join's answer while the waiting room holds the caller (`202`): no LiveKit token. The
 * caller then opens `GET …/lobby/wait` (server-sent events) and joins again once admitted.
 */
export const joinWaitingResponseSchema = z.object({
  status: z.literal('waiting'),
  session_id: z.string(),
  /** The server-sent events stream that says `admitted` or `denied`; closing it withdraws. */
  wait_url: z.string(),
  message: z.string(),
});
export type JoinWaitingResponse = z.infer<typeof joinWaitingResponseSchema>;

/** One person in a session's waiting room, as its moderators see them. */
export const lobbyEntrySchema = z.object({
  /** The account id, or the guest id for a guest (the `user_id` of the admit/deny paths). */
  user_id: z.string(),
  /** `user:<id>` or `guest:<id>`. */
  identity: z.string(),
  display_name: z.string(),
  is_guest: z.boolean(),
  status: lobbyStatusSchema,
  knocked_at: z.string(),
  decided_at: z.string().nullable(),
});
export type LobbyEntry = z.infer<typeof lobbyEntrySchema>;

/** `GET …/lobby`: who waits now, first knock first. */
export const lobbyResponseSchema = z.object({ waiting: z.array(lobbyEntrySchema) });
export type LobbyResponse = z.infer<typeof lobbyResponseSchema>;

export const lobbyEntryParamsSchema = sessionIdParamsSchema.extend({
  user_id: z.string().min(1).max(200),
});

/** `POST …/lobby/{user_id}/admit|deny`: the entry as decided. */
export const lobbyDecisionResponseSchema = z.object({ entry: lobbyEntrySchema });

/** `POST …/lobby/admit-all|deny-all`: the entries decided (everyone waiting at that moment). */
export const lobbyDecisionsResponseSchema = z.object({ entries: z.array(lobbyEntrySchema) });

/**
 * The events of `GET …/lobby/wait` (`event: status`, this JSON as `data`). `waiting` comes
 * first; `admitted` (join again for a token), `denied` or `ended` close the stream.
 */
export const lobbyWaitEventSchema = z.object({
  status: z.enum(['waiting', 'admitted', 'denied', 'ended']),
  /** For `denied`: when the same account may knock again. */
  retry_at: z.string().optional(),
});
export type LobbyWaitEvent = z.infer<typeof lobbyWaitEventSchema>;

/** LiveKit data topic on which the server tells the room's moderators the lobby changed. */
export const LOBBY_TOPIC = 'lobby';

/** The packet on the `lobby` topic, sent by the server to hosts and co-hosts only. */
export const lobbyDataPacketSchema = z.object({
  type: z.literal('lobby_changed'),
  /** How many wait now. */
  waiting: z.number(),
  /** Set when someone just knocked (the moderator's page plays a sound). */
  knocked: z.string().optional(),
});
export type LobbyDataPacket = z.infer<typeof lobbyDataPacketSchema>;

/** How long a denied account cannot knock again on the same session. */
export const LOBBY_DENY_COOLDOWN_SECONDS = 600;
