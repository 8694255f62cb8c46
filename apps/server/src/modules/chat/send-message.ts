import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '@stagecast/contracts';
import { displayNameOf } from '../auth/authenticator.js';
import type { CallerOptions, SignedInAccess } from '../sessions/access.js';
import { assertNotEnded } from '../sessions/assert-not-ended.js';
import type { ChatRepository } from './chat-repository.js';
import { toChatDto } from './chat-repository.js';
import { deliverChat } from './deliver-chat.js';

/**
 * Stores a chat message, then delivers it to the room. A retry with the same
 * `clientMessageId` (after a reconnect) gets the stored message back, flagged `duplicate`, and
 * is not delivered again. Nobody writes in an ended session.
 */
export async function sendMessage(
  options: CallerOptions<SignedInAccess> & {
    chat: ChatRepository;
    text: string;
    clientMessageId: string | undefined;
  },
): Promise<{ message: ChatMessage; duplicate: boolean }> {
  const { ctx, access } = options;
  const sessionId = access.view.session.sessionId;
  assertNotEnded(access);
  const { row, duplicate } = await options.chat.insert({
    id: randomUUID(),
    sessionId,
    senderIdentity: access.identity,
    // The owner or an admin who has not joined yet speaks as the host, under their own name.
    senderName: access.participant?.displayName ?? displayNameOf(access.principal),
    senderRole: access.participant?.role ?? 'host',
    text: options.text,
    clientMessageId: options.clientMessageId ?? null,
  });
  const message = toChatDto(row);
  if (!duplicate) await deliverChat({ ctx, sessionId, packet: { type: 'message', message } });
  return { message, duplicate };
}
