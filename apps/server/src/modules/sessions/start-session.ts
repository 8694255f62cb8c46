import type { AppContext } from '../../context.js';
import { wrongState } from '../../errors.js';
import { inTransaction } from '../../db/transaction.js';
import { orLivekitUnavailable } from '../../livekit/index.js';
import { emitSessionEvent } from './session-events.js';
import { sessionRepository } from './session-repository.js';
import type { SessionRepository, SessionRow } from './session-repository.js';

/**
 * Goes live: the LiveKit room is created first (auto-create is off, so only this makes it
 * exist), then the status changes. Starting a live session again only makes sure its room exists.
 */
export async function startSession(options: {
  ctx: AppContext;
  sessions: SessionRepository;
  session: SessionRow;
}): Promise<SessionRow> {
  const { ctx, sessions, session } = options;
  if (session.status === 'ended') {
    throw wrongState('ended', 'this session has ended and cannot go live again', session.status);
  }
  await ctx.livekit.rooms
    .create(session.sessionId, JSON.stringify({ title: session.title }))
    .catch(orLivekitUnavailable);
  if (session.status === 'live') return session;
  const updated = await inTransaction(ctx.database.db, async (tx) => {
    const live = await sessionRepository(tx, ctx.accessCache).transition(
      session.sessionId,
      ['scheduled'],
      { status: 'live', startedAt: new Date() },
    );
    if (live) await emitSessionEvent(tx, 'session.started', live.sessionId);
    return live;
  });
  // Views cached while the transaction ran must not outlive it.
  ctx.accessCache?.sessionChanged(session.sessionId);
  if (!updated) {
    // Someone else moved it meanwhile: report what it is now.
    const now = await sessions.findById(session.sessionId);
    if (now?.status === 'live') return now;
    throw wrongState('ended', 'this session has ended', now?.status ?? 'ended');
  }
  await ctx.hooks?.sessionLive?.(updated);
  return updated;
}
