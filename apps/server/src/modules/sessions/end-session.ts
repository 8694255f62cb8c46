import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import { AppError } from '../../errors.js';
import { attendanceRepository } from '../attendance/attendance-repository.js';
import { auditSessionAction } from '../audit/record-audit.js';
import type { AuditBy } from '../audit/record-audit.js';
import type { ParticipantRepository } from '../participants/participant-repository.js';
import { emitSessionEvent } from './session-events.js';
import { sessionRepository } from './session-repository.js';
import type { SessionRepository, SessionRow } from './session-repository.js';

/** What ending a session (and deleting one, which ends it first) is given. */
export interface EndSessionOptions {
  ctx: AppContext;
  sessions: SessionRepository;
  participants: ParticipantRepository;
  session: SessionRow;
  /** Who asked, from where (the audit log); undefined when the server does it on its own. */
  by: AuditBy | undefined;
}

/** Ends the session, then closes its room, which disconnects every client. */
export async function endSession(options: EndSessionOptions): Promise<SessionRow> {
  const { ctx, sessions, participants, session, by } = options;
  const sessionId = session.sessionId;
  const ended = await inTransaction(ctx.database.db, async (tx) => {
    const row = await sessionRepository(tx, ctx.accessCache).transition(
      sessionId,
      ['scheduled', 'live'],
      { status: 'ended', endedAt: new Date() },
    );
    if (row) await emitSessionEvent(tx, 'session.ended', sessionId);
    return row;
  });
  ctx.accessCache?.sessionChanged(sessionId);
  const updated = ended ?? (await sessions.findById(sessionId));
  if (!updated) throw new AppError('NOT_FOUND', 'no such session'); // deleted meanwhile
  // Only the request that ended it is recorded, not a repeat on an ended session.
  if (ended) {
    await auditSessionAction(ctx, by, {
      action: 'session_end',
      sessionId,
      details: { title: session.title, from: session.status },
    });
  }
  // Recording stops (and its file is finalised) before the room closes.
  await ctx.hooks?.sessionEnded?.(updated).catch((err: unknown) => {
    ctx.logger.warn({ err, session: sessionId }, 'end hook failed');
  });
  await ctx.livekit.rooms.close(sessionId).catch((err: unknown) => {
    // The session is over either way; the reconcile loop closes the room once LiveKit answers.
    ctx.logger.warn({ err, session: sessionId }, 'closing the room failed');
  });
  await participants.disconnectAll(sessionId);
  // Whoever was still inside leaves at the end, whatever their webhooks say later.
  await attendanceRepository(ctx.database.db).closeOpen(sessionId, updated.endedAt ?? new Date());
  return updated;
}
