import { AppError } from '../../errors.js';
import { assertSignedIn } from '../sessions/access.js';
import type { SessionAccess, SignedInAccess } from '../sessions/access.js';

/** Chat belongs to those in the session: its participants, the owner and admins. */
export function assertChatMember(access: SessionAccess): asserts access is SignedInAccess {
  assertSignedIn(access);
  if (access.banned) {
    throw new AppError('FORBIDDEN', 'you were removed from this session', undefined, {
      reason: 'banned',
    });
  }
  if (!access.participant && !access.isOwner && !access.isAdmin) {
    throw new AppError('FORBIDDEN', 'join the session to read and send chat', undefined, {
      reason: 'not_joined',
    });
  }
}
