import type { trackSourceSchema } from '@stagecast/contracts';
import type { z } from 'zod';
import { orLivekitUnavailable } from '../../livekit/index.js';
import { findTarget } from './find-target.js';
import type { TargetOptions } from './find-target.js';

/** Mutes the participant's published tracks of one source; answers how many were muted. */
export async function muteParticipant(
  options: TargetOptions & {
    source: z.infer<typeof trackSourceSchema>;
  },
): Promise<number> {
  const row = await findTarget(options);
  return options.ctx.livekit.rooms
    .mute(row.sessionId, row.identity, options.source)
    .catch(orLivekitUnavailable);
}
