import { LOBBY_TOPIC } from '@stagecast/contracts';
import type { LobbyDataPacket } from '@stagecast/contracts';
import type { Redis } from 'ioredis';
import type { AppContext, AppHooks } from '../../context.js';
import { participantRepository } from '../participants/participant-repository.js';
import { lobbyBus } from './lobby-bus.js';
import { lobbyRepository } from './lobby-repository.js';

/**
 * The waiting room's parts every use case shares: the rows (database), the event bus between
 * instances (Redis or in-process) and the word to the moderators (LiveKit data from the server,
 * topic `lobby`, to hosts and co-hosts only, as chat is delivered: the server is its only author).
 */
export function lobbyService(
  ctx: Pick<AppContext, 'database' | 'livekit' | 'logger'>,
  redis?: Redis,
) {
  const repo = lobbyRepository(ctx.database.db);
  const participants = participantRepository(ctx.database.db);
  const bus = lobbyBus(redis);
  /** Tells the session's moderators the lobby changed (they read the list again). */
  async function notifyModerators(sessionId: string, knocked?: string): Promise<void> {
    try {
      const [waiting, moderators] = await Promise.all([
        repo.listWaiting(sessionId),
        participants.moderatorIdentities(sessionId),
      ]);
      const packet: LobbyDataPacket = {
        type: 'lobby_changed',
        waiting: waiting.length,
        ...(knocked !== undefined && { knocked }),
      };
      await ctx.livekit.rooms.sendTo(sessionId, LOBBY_TOPIC, packet, moderators);
    } catch (err) {
      // The list is in the database: a moderator's page reads it again on its own as well.
      ctx.logger.warn({ err, session: sessionId }, 'lobby notice over LiveKit failed');
    }
  }
  /**
   * Decides on the waiting knock of `userId`, or on every one waiting now: each decided knock's
   * wait stream hears it at once (on whichever instance), and the moderators are told.
   */
  async function decide(options: {
    sessionId: string;
    userId?: string;
    status: 'admitted' | 'denied';
    by: string;
  }) {
    const rows = await repo.decide(options);
    for (const row of rows) {
      bus.publish({
        type: 'decided',
        sessionId: options.sessionId,
        identity: row.identity,
        status: options.status,
      });
    }
    if (rows.length > 0) await notifyModerators(options.sessionId);
    return rows;
  }
  /** The app's hooks, plus: an ended or deleted session closes its wait streams. */
  const withHooks = (hooks: AppHooks | undefined): AppHooks => ({
    ...hooks,
    async sessionEnded(session) {
      bus.publish({ type: 'closed', sessionId: session.sessionId });
      await hooks?.sessionEnded?.(session);
    },
    async sessionDeleting(session) {
      bus.publish({ type: 'closed', sessionId: session.sessionId });
      await hooks?.sessionDeleting?.(session);
    },
  });
  return { repo, bus, notifyModerators, decide, withHooks, close: () => bus.close() };
}
export type LobbyService = ReturnType<typeof lobbyService>;
