import type { Db } from '../../db/client.js';
import type { LivekitEvent } from '../../livekit/index.js';
import type { ParticipantRow } from '../participants/participant-repository.js';
import { attendanceRepository } from './attendance-repository.js';
import { eventTime } from './event-time.js';

/**
 * Writes what one verified webhook says about attendance, inside the transaction that applies
 * it (`webhooks/apply-event.ts`). Each connection (LiveKit sid) is a row; a `participant_left`
 * counts for its own connection even when a newer one has joined since (the participant is
 * still connected, but that connection did end then).
 */
export async function recordAttendance(options: {
  db: Db;
  event: LivekitEvent;
  /** The participant's row in the session (undefined: not ours, e.g. the hidden recorder). */
  participant: ParticipantRow | undefined;
  receivedAt: Date;
}): Promise<void> {
  const { event, participant } = options;
  const repo = attendanceRepository(options.db);
  if (event.event === 'room_finished' && event.room) {
    await repo.closeOpen(event.room, eventTime(event.createdAt, options.receivedAt));
    return;
  }
  const sid = event.participant?.sid;
  if (!participant || !sid) return;
  const connection = {
    sessionId: participant.sessionId,
    sid,
    identity: participant.identity,
    userId: participant.userId,
    displayName: participant.displayName,
    role: participant.role,
  };
  // LiveKit's own millisecond of the join, on both events, beats the (whole-second) event time.
  const joinedAt = event.participant?.joinedAt;
  const at = eventTime(event.createdAt, options.receivedAt, joinedAt);
  if (event.event === 'participant_joined') {
    await repo.joined(connection, joinedAt ?? at);
  } else if (event.event === 'participant_left') {
    // A banned identity's connection made with an old token was never counted: a kicked
    // participant's own connection was, and is closed.
    await repo.left(connection, joinedAt ?? at, at, Boolean(participant.bannedAt));
  }
}
