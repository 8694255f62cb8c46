import { AppError } from '../../errors.js';
import type { CallerOptions, ModeratorAccess } from '../sessions/access.js';
import type { ParticipantRepository, ParticipantRow } from './participant-repository.js';

/** What every moderation use case (change role, kick, mute) is given; the caller moderates. */
export interface TargetOptions extends CallerOptions<ModeratorAccess> {
  participants: ParticipantRepository;
  /** The account (or guest) id of the participant acted on. */
  userId: string;
  /** The caller's address (`request.ip`), for the audit log. */
  ip: string;
}

/**
 * The participant a moderation action is aimed at: NOT_FOUND unless they hold a row there (and
 * are not banned); nobody acts on the host but the host's equals (owner, admins); nobody acts
 * on themselves.
 */
export async function findTarget(options: TargetOptions): Promise<ParticipantRow> {
  const { access } = options;
  const row = await options.participants.findParticipantByUserId(
    access.view.session.sessionId,
    options.userId,
  );
  if (!row || row.bannedAt) throw new AppError('NOT_FOUND', 'no such participant in this session');
  if (row.role === 'host' && !(access.isOwner || access.isAdmin)) {
    throw new AppError('FORBIDDEN', 'a co-host cannot act on the host', undefined, {
      reason: 'cannot_act_on_host',
    });
  }
  if (row.identity === access.identity) {
    throw new AppError('CONFLICT', 'you cannot do this to yourself', undefined, {
      reason: 'cannot_act_on_self',
    });
  }
  return row;
}
