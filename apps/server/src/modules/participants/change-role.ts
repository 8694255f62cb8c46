import type { assignableRoleSchema } from '@stagecast/contracts';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { orLivekitUnavailable } from '../../livekit/index.js';
import { findTarget } from './find-target.js';
import type { TargetOptions } from './find-target.js';
import type { ParticipantRow } from './participant-repository.js';
import { recordModeration } from './record-moderation.js';

/**
 * Gives a participant another role. Only the host's equals (owner, admins) make or unmake
 * co-hosts. A connected participant of a live session gets it at once through LiveKit, so a
 * promoted viewer publishes without rejoining and a demoted speaker's tracks stop; the role is
 * recorded for the next join either way.
 */
export async function changeRole(
  options: TargetOptions & {
    role: z.infer<typeof assignableRoleSchema>;
  },
): Promise<ParticipantRow> {
  const { ctx, participants, access, role } = options;
  const row = await findTarget(options);
  const hostLevel = access.isOwner || access.isAdmin;
  if (role === 'co_host' && !hostLevel) {
    throw new AppError('FORBIDDEN', 'only the host can make co-hosts', undefined, {
      reason: 'host_only',
    });
  }
  if (row.role === 'co_host' && !hostLevel) {
    throw new AppError('FORBIDDEN', 'only the host can change a co-host', undefined, {
      reason: 'host_only',
    });
  }
  if (row.connected && access.view.session.status === 'live') {
    await ctx.livekit.rooms
      .applyRole(row.sessionId, row.identity, role)
      .catch(orLivekitUnavailable);
  }
  const updated = await participants.updateParticipant(row.sessionId, row.identity, { role });
  await recordModeration(options, row, 'participant_role_change', { from: row.role, to: role });
  return updated;
}
