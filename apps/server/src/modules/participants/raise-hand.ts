import { AppError } from '../../errors.js';
import type { CallerOptions, SignedInAccess } from '../sessions/access.js';
import type { ParticipantRepository, ParticipantRow } from './participant-repository.js';

/**
 * Raises or lowers the caller's hand (only while connected), then tells the room on topic
 * `hand`; the row is the record, so a lost broadcast only delays what others see.
 */
export async function raiseHand(
  options: CallerOptions<SignedInAccess> & { participants: ParticipantRepository; raised: boolean },
): Promise<ParticipantRow> {
  const { ctx, participants, raised } = options;
  const me = options.access.participant;
  if (!me || !me.connected) {
    throw new AppError('CONFLICT', 'join the session before raising a hand', undefined, {
      reason: 'not_joined',
    });
  }
  const updated = await participants.updateParticipant(me.sessionId, me.identity, {
    handRaised: raised,
  });
  await ctx.livekit.rooms
    .broadcast(me.sessionId, 'hand', { identity: me.identity, raised })
    .catch(() => undefined);
  return updated;
}
