import type { updateSessionBodySchema } from '@stagecast/contracts';
import type { z } from 'zod';
import { wrongState } from '../../errors.js';
import type { NewSession, SessionRepository, SessionRow } from './session-repository.js';

/** Changes the fields given (absent ones stay); an ended session cannot be changed. */
export async function updateSession(options: {
  sessions: SessionRepository;
  session: SessionRow;
  changes: z.infer<typeof updateSessionBodySchema>;
}): Promise<SessionRow> {
  const { sessions, session, changes: c } = options;
  if (session.status === 'ended') {
    throw wrongState('ended', 'an ended session cannot be changed', 'ended');
  }
  const scheduledAt =
    c.scheduled_at === undefined ? undefined : c.scheduled_at ? new Date(c.scheduled_at) : null;
  const patch: Partial<NewSession> = {
    ...(c.title !== undefined && { title: c.title }),
    ...(c.description !== undefined && { description: c.description }),
    ...(c.session_type !== undefined && { sessionType: c.session_type }),
    ...(c.max_participants !== undefined && { maxParticipants: c.max_participants }),
    ...(c.is_public !== undefined && { isPublic: c.is_public }),
    ...(c.is_recorded !== undefined && { isRecorded: c.is_recorded }),
    ...(scheduledAt !== undefined && { scheduledAt }),
    ...(c.waiting_room !== undefined && { waitingRoom: c.waiting_room }),
  };
  // What a calendar shows changed: its .ics gets a higher SEQUENCE, so calendars take it.
  const rescheduled =
    scheduledAt !== undefined && scheduledAt?.getTime() !== session.scheduledAt?.getTime();
  const renamed = c.title !== undefined && c.title !== session.title;
  return sessions.update(session.sessionId, patch, { bumpRevision: rescheduled || renamed });
}
