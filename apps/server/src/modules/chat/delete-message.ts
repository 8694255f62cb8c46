import { AppError } from '../../errors.js';
import type { CallerOptions, ModeratorAccess } from '../sessions/access.js';
import type { ChatRepository } from './chat-repository.js';
import { deliverChat } from './deliver-chat.js';

/** Hides a message (kept, marked deleted by the moderator) and tells the room to drop it. */
export async function deleteMessage(
  options: CallerOptions<ModeratorAccess> & { chat: ChatRepository; messageId: string },
): Promise<void> {
  const { ctx, access, messageId } = options;
  const sessionId = access.view.session.sessionId;
  const removed = await options.chat.softDelete(sessionId, messageId, access.identity);
  if (!removed) throw new AppError('NOT_FOUND', 'no such message');
  await deliverChat({ ctx, sessionId, packet: { type: 'deleted', message_id: messageId } });
}
