import type { trackSourceSchema } from '@stagecast/contracts';
import type { z } from 'zod';
import { orLivekitUnavailable } from '../../livekit/index.js';
import { actorOf, auditTarget, recordAudit } from '../audit/record-audit.js';
import { findTarget } from './find-target.js';
import type { TargetOptions } from './find-target.js';

/** Mutes the participant's published tracks of one source; answers how many were muted. */
export async function muteParticipant(
  options: TargetOptions & {
    source: z.infer<typeof trackSourceSchema>;
  },
): Promise<number> {
  const { ctx, access, source } = options;
  const row = await findTarget(options);
  const muted = await ctx.livekit.rooms
    .mute(row.sessionId, row.identity, source)
    .catch(orLivekitUnavailable);
  await recordAudit({
    db: ctx.database.db,
    action: 'participant_mute',
    by: { actor: actorOf(access.principal), ip: options.ip },
    sessionId: row.sessionId,
    target: auditTarget(row),
    details: { source, muted_tracks: muted },
  });
  return muted;
}
