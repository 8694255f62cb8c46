import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { ParticipantRepository } from '../participants/participant-repository.js';
import type { SessionRepository, SessionRow } from './session-repository.js';

/** What ending a session (and deleting one, which ends it first) is given. */
export interface EndSessionOptions {
  ctx: AppContext;
  sessions: SessionRepository;
  participants: ParticipantRepository;
  session: SessionRow;
}

/** Ends the session, then closes its room, which disconnects every client. */
export async function endSession(options: EndSessionOptions): Promise<SessionRow> {
  const { ctx, sessions, participants, session } = options;
  const sessionId = session.sessionId;
  const updated =
    (await sessions.transition(sessionId, ['scheduled', 'live'], {
      status: 'ended',
      endedAt: new Date(),
    })) ?? (await sessions.findById(sessionId));
  if (!updated) throw new AppError('NOT_FOUND', 'no such session'); // deleted meanwhile
  // Recording stops (and its file is finalised) before the room closes.
  await ctx.hooks?.sessionEnded?.(updated).catch((err: unknown) => {
    ctx.logger.warn({ err, session: sessionId }, 'end hook failed');
  });
  await ctx.livekit.rooms.close(sessionId).catch((err: unknown) => {
    // The session is over either way; the reconcile loop closes the room once LiveKit answers.
    ctx.logger.warn({ err, session: sessionId }, 'closing the room failed');
  });
  await participants.disconnectAll(sessionId);
  return updated;
}
