import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { orLivekitUnavailable } from '../../livekit/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { TokenIssuer } from '../auth/authenticator.js';
import { userRepository } from '../auth/user-repository.js';
import type { UserRow } from '../auth/user-repository.js';
import { participantRepository } from '../participants/participant-repository.js';
import type { UserChange } from './user-change.js';

/**
 * Disables an account: it can no longer sign in, every token it holds stops working at once (on
 * every instance: the revocation drops cached copies, through Redis elsewhere), and it is removed
 * from every room it is in. A LiveKit token it still holds cannot bring it back: the
 * `participant_joined` webhook removes a disabled account again. Admins cannot disable
 * themselves. Repeating it on a disabled account redoes the revocation and removals (after a
 * LiveKit outage, say) without a second audit entry.
 */
export async function disableUser(
  options: UserChange & { ctx: AppContext; tokens: TokenIssuer },
): Promise<UserRow> {
  const { ctx, tokens, userId, by } = options;
  if (by.actor.id === userId) {
    throw new AppError('FORBIDDEN', 'you cannot disable your own account', undefined, {
      reason: 'cannot_act_on_self',
    });
  }
  const db = ctx.database.db;
  const users = userRepository(db);
  const before = await users.get(userId);
  const user = before.disabledAt ? before : await users.setDisabledAt(userId, new Date());
  await tokens.revokeAllForUser(userId);
  if (!before.disabledAt) {
    ctx.logger.info({ user: userId }, 'account disabled');
    await recordAudit({
      db,
      action: 'user_disable',
      by,
      target: { userId, name: user.username },
      details: { email: user.email, role: user.role },
    });
  }
  await removeFromRooms(ctx, `user:${userId}`);
  return user;
}

/** Takes the identity out of every session not ended yet that it may be connected to. */
async function removeFromRooms(ctx: AppContext, identity: string): Promise<void> {
  const participants = participantRepository(ctx.database.db, ctx.accessCache);
  for (const sessionId of await participants.openSessionsOf(identity)) {
    const removed = await ctx.livekit.rooms.remove(sessionId, identity).catch(orLivekitUnavailable);
    // Shown as gone at once; LiveKit's `participant_left` webhook confirms it.
    if (removed) await participants.markLeft(sessionId, identity);
    if (removed) ctx.logger.info({ session: sessionId, identity }, 'disabled account removed');
  }
}
