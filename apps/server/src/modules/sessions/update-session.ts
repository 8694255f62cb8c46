import type { updateSessionBodySchema } from '@stagecast/contracts';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import type { NewSession, SessionRepository, SessionRow } from './session-repository.js';

/** Changes the fields given (absent ones stay); an ended session cannot be changed. */
export async function updateSession(options: {
  sessions: SessionRepository;
  session: SessionRow;
  changes: z.infer<typeof updateSessionBodySchema>;
}): Promise<SessionRow> {
  const { sessions, session, changes: c } = options;
  if (session.status === 'ended') {
    throw new AppError(
      'CONFLICT',
      'an ended session cannot be changed',
      { status: 'ended' },
      { reason: 'ended' },
    );
  }
  const patch: Partial<NewSession> = {
    ...(c.title !== undefined && { title: c.title }),
    ...(c.description !== undefined && { description: c.description }),
    ...(c.session_type !== undefined && { sessionType: c.session_type }),
    ...(c.max_participants !== undefined && { maxParticipants: c.max_participants }),
    ...(c.is_public !== undefined && { isPublic: c.is_public }),
    ...(c.is_recorded !== undefined && { isRecorded: c.is_recorded }),
    ...(c.waiting_room !== undefined && { waitingRoom: c.waiting_room }),
    ...(c.scheduled_at !== undefined && {
      scheduledAt: c.scheduled_at ? new Date(c.scheduled_at) : null,
    }),
  };
  return sessions.update(session.sessionId, patch);
}
