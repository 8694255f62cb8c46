import type { Session } from '@stagecast/contracts';
import type { SessionView } from './session-repository.js';

/** A timestamp as the API writes it: ISO 8601, or null when unset. */
export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The API's view of a session. */
export function toSessionDto({ session: s, hostName, participantCount }: SessionView): Session {
  return {
    session_id: s.sessionId,
    owner_id: s.ownerId,
    title: s.title,
    description: s.description,
    session_type: s.sessionType,
    status: s.status,
    max_participants: s.maxParticipants,
    is_public: s.isPublic,
    is_recorded: s.isRecorded,
    waiting_room: s.waitingRoom,
    scheduled_at: iso(s.scheduledAt),
    started_at: iso(s.startedAt),
    ended_at: iso(s.endedAt),
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
    participant_count: participantCount,
    host: { id: s.ownerId, username: hostName },
  };
}
