import { CHAT_TOPIC } from '@stagecast/contracts';
import type { ChatDataPacket } from '@stagecast/contracts';
import type { AppContext } from '../../context.js';

/**
 * Sends a chat packet to the room over LiveKit data (topic `chat`), with the sender set by the
 * server. A failure is only logged: the message is stored already, and late joiners and
 * reconnecting clients read it from the history.
 */
export async function deliverChat(options: {
  ctx: AppContext;
  sessionId: string;
  packet: ChatDataPacket;
}): Promise<void> {
  const { ctx, sessionId } = options;
  await ctx.livekit.rooms.broadcast(sessionId, CHAT_TOPIC, options.packet).catch((err: unknown) => {
    ctx.logger.warn({ err, session: sessionId }, 'chat delivery over LiveKit failed');
  });
}
