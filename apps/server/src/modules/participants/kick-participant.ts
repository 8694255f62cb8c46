import { AppError } from '../../errors.js';
import { orLivekitUnavailable } from '../../livekit/index.js';
import { findTarget } from './find-target.js';
import type { TargetOptions } from './find-target.js';
import type { ParticipantRow } from './participant-repository.js';
import { recordModeration } from './record-moderation.js';

/**
 * Bans the participant from the session and removes them from its room. The ban is recorded
 * first, so a reconnect racing the removal is refused too.
 */
export async function kickParticipant(options: TargetOptions): Promise<ParticipantRow> {
  const { ctx, participants } = options;
  const row = await findTarget(options);
  // Leaving this way is a `participant.left` too, when they were connected.
  const result = await participants.setConnected(row.sessionId, row.identity, false, {
    bannedAt: new Date(),
    handRaised: false,
    leftAt: new Date(),
    livekitSid: null,
  });
  if (!result) throw new AppError('NOT_FOUND', 'no such participant in this session');
  const banned = result.row;
  await ctx.livekit.rooms.remove(row.sessionId, row.identity).catch(orLivekitUnavailable);
  ctx.logger.info({ session: row.sessionId, identity: row.identity }, 'participant kicked');
  await recordModeration(options, row, 'participant_kick');
  return banned;
}
