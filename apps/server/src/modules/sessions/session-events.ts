import type { Db } from '../../db/client.js';
import { emitWebhookEvent } from '../webhooks-out/emit-event.js';
import { toSessionDto } from './session-dto.js';
import { sessionRepository } from './session-repository.js';

/**
 * Queues `session.started` or `session.ended` with the session as every read shows it, on `db`:
 * the transaction that moved the session, so the event exists exactly when the change does.
 */
export function emitSessionEvent(
  db: Db,
  type: 'session.started' | 'session.ended',
  sessionId: string,
): Promise<void> {
  return emitWebhookEvent(db, type, async () =>
    toSessionDto(await sessionRepository(db).view(sessionId)),
  );
}
