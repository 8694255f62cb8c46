import type { trackSourceSchema } from '@stagecast/contracts';
import type { z } from 'zod';
import { orLivekitUnavailable } from '../../livekit/index.js';
import { findTarget } from './find-target.js';
import type { TargetOptions } from './find-target.js';
import { recordModeration } from './record-moderation.js';

/** Mutes the participant's published tracks of one source; answers how many were muted. */
export async function muteParticipant(
  options: TargetOptions & {
    source: z.infer<typeof trackSourceSchema>;
  },
): Promise<number> {
  const { ctx, source } = options;
  const row = await findTarget(options);
  const muted = await ctx.livekit.rooms
    .mute(row.sessionId, row.identity, source)
    .catch(orLivekitUnavailable);
  await recordModeration(options, row, 'participant_mute', { source, muted_tracks: muted });
  return muted;
}
