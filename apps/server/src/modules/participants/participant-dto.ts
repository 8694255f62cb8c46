import type { Participant, WebhookParticipant } from '@stagecast/contracts';
import { iso } from '../sessions/session-dto.js';
import type { ParticipantRow } from './participant-repository.js';

/** The API's view of a participant row. */
export function toParticipantDto(p: ParticipantRow): Participant {
  return {
    user_id: p.userId,
    identity: p.identity,
    display_name: p.displayName,
    role: p.role,
    connected: p.connected,
    joined_at: iso(p.joinedAt),
    left_at: iso(p.leftAt),
    hand_raised: p.handRaised,
  };
}

/** A participant in a webhook: the API's view with the session it is in. */
export function toWebhookParticipant(p: ParticipantRow): WebhookParticipant {
  return { ...toParticipantDto(p), session_id: p.sessionId };
}
