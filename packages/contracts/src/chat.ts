import { z } from 'zod';
import { sessionIdParamsSchema } from './sessions.js';
import { sessionRoleSchema } from './roles.js';
import { olderPageQuery } from './paging.js';
import { nonBlankText } from './text.js';

export const CHAT_TOPIC = 'chat';
export const CHAT_MAX_LENGTH = 2000;

export const chatMessageSchema = z.object({
  id: z.string(),
  session_id: z.string(),
  sender: z.object({ identity: z.string(), display_name: z.string(), role: sessionRoleSchema }),
  text: z.string(),
  created_at: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const postChatBodySchema = z.object({
  text: nonBlankText(CHAT_MAX_LENGTH),
  /** Chosen by the client; a retry with the same id returns the stored message. */
  client_message_id: z.string().min(1).max(64).optional(),
});
export const chatHistoryQuerySchema = z.object({
  ...olderPageQuery(z.uuid({ message: 'must be a message id' })),
});
export const chatHistoryResponseSchema = z.object({
  messages: z.array(chatMessageSchema),
  has_more: z.boolean(),
});
export const chatMessageResponseSchema = z.object({ message: chatMessageSchema });
export const chatMessageParamsSchema = sessionIdParamsSchema.extend({
  message_id: z.uuid({ message: 'must be a message id' }),
});

/** What the server sends over LiveKit data on topic `chat`. */
export const chatDataPacketSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: chatMessageSchema }),
  z.object({ type: z.literal('deleted'), message_id: z.string() }),
]);
export type ChatDataPacket = z.infer<typeof chatDataPacketSchema>;
