import { AppError } from '../../errors.js';
import { auditBy, auditTarget, recordAudit } from '../audit/record-audit.js';
import type { CallerOptions, ModeratorAccess } from '../sessions/access.js';
import type { LobbyRow } from './lobby-repository.js';

/**
 * A moderator admits or denies one waiting knock (`userId`) or every one waiting now; each
 * decided knock's wait stream hears it at once, on whichever instance holds it. NOT_FOUND
 * (`not_waiting`) when the one named does not wait (never knocked, left, or decided already).
 */
export async function decideLobby(
  options: CallerOptions<ModeratorAccess> & {
    userId?: string;
    status: 'admitted' | 'denied';
    /** The caller's address (`request.ip`), for the audit log. */
    ip: string;
  },
): Promise<LobbyRow[]> {
  const { ctx, access } = options;
  const lobby = ctx.lobby;
  if (!lobby) throw new Error('the lobby service is not set up');
  const sessionId = access.view.session.sessionId;
  const rows = await lobby.decide({
    sessionId,
    ...(options.userId !== undefined && { userId: options.userId }),
    status: options.status,
    by: access.identity,
  });
  if (options.userId !== undefined && rows.length === 0) {
    throw new AppError('NOT_FOUND', 'nobody by that id waits in this lobby', undefined, {
      reason: 'not_waiting',
    });
  }
  const by = auditBy(access.principal, options.ip);
  for (const row of rows) {
    await recordAudit({
      db: ctx.database.db,
      action: options.status === 'admitted' ? 'lobby_admit' : 'lobby_deny',
      by,
      sessionId,
      target: auditTarget(row),
      details: { all: options.userId === undefined },
    });
  }
  return rows;
}
