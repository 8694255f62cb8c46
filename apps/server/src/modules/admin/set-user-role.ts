import type { UserRole } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import type { TokenIssuer } from '../auth/authenticator.js';
import { userRepository } from '../auth/user-repository.js';
import type { UserRow } from '../auth/user-repository.js';
import type { UserChange } from './user-change.js';

/**
 * Gives an account another role (NOT_FOUND when there is none); cached copies of the account
 * are dropped at once, so the change holds from the next request on. Recorded in the audit log
 * with the role before and after.
 */
export async function setUserRole(
  options: UserChange & { db: Db; tokens: TokenIssuer; role: UserRole },
): Promise<UserRow> {
  const users = userRepository(options.db);
  const before = await users.get(options.userId);
  const updated = await users.setRole(options.userId, options.role);
  await options.tokens.forgetUser(updated.id);
  await recordAudit({
    db: options.db,
    action: 'user_role_change',
    by: options.by,
    target: { userId: updated.id, name: updated.username },
    details: { from: before.role, to: updated.role },
  });
  return updated;
}
