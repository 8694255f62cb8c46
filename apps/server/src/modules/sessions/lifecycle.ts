import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { orLivekitUnavailable } from '../../livekit/index.js';
import type { SessionRepository, SessionRow } from './session-repository.js';

/**
 * Goes live: the LiveKit room is created first (auto-create is off, so only this makes it
 * exist), then the status changes. Starting a live session again only makes sure its room exists.
 */
export async function startSession(
  ctx: AppContext,
  repo: SessionRepository,
  session: SessionRow,
): Promise<SessionRow> {
  if (session.status === 'ended') {
    throw new AppError('CONFLICT', 'this session has ended and cannot go live again', {
      status: session.status,
    });
  }
  await ctx.livekit.rooms
    .create(session.sessionId, JSON.stringify({ title: session.title }))
    .catch(orLivekitUnavailable);
  if (session.status === 'live') return session;
  const updated = await repo.transition(session.sessionId, ['scheduled'], {
    status: 'live',
    startedAt: new Date(),
  });
  if (!updated) {
    // Someone else moved it meanwhile: report what it is now.
    const now = await repo.findById(session.sessionId);
    if (now?.status === 'live') return now;
    throw new AppError('CONFLICT', 'this session has ended', { status: now?.status ?? 'ended' });
  }
  await ctx.hooks?.sessionLive?.(updated);
  return updated;
}

/** Ends the session, then closes its room, which disconnects every client. */
export async function endSession(
  ctx: AppContext,
  repo: SessionRepository,
  session: SessionRow,
): Promise<SessionRow> {
  const updated =
    (await repo.transition(session.sessionId, ['scheduled', 'live'], {
      status: 'ended',
      endedAt: new Date(),
    })) ?? (await repo.findById(session.sessionId))!;
  // Recording stops (and its file is finalised) before the room closes.
  await ctx.hooks?.sessionEnded?.(updated).catch((err: unknown) => {
    ctx.logger.warn({ err: (err as Error).message, session: session.sessionId }, 'end hook failed');
  });
  await ctx.livekit.rooms.close(session.sessionId).catch((err: unknown) => {
    // The session is over either way; the reconcile loop closes the room once LiveKit answers.
    ctx.logger.warn(
      { err: (err as Error).message, session: session.sessionId },
      'closing the room failed',
    );
  });
  await repo.disconnectAll(session.sessionId);
  return updated;
}
