import type { Db } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { userRepository } from '../auth/user-repository.js';
import type { UserRow } from '../auth/user-repository.js';
import type { UserChange } from './user-change.js';

/**
 * Enables a disabled account again: it may sign in (its old tokens stay revoked). Recorded in
 * the audit log when it changed something.
 */
export async function enableUser(options: UserChange & { db: Db }): Promise<UserRow> {
  const users = userRepository(options.db);
  const before = await users.get(options.userId);
  if (!before.disabledAt) return before;
  const user = await users.setDisabledAt(options.userId, null);
  await recordAudit({
    db: options.db,
    action: 'user_enable',
    by: options.by,
    target: { userId: user.id, name: user.username },
    details: { disabled_at: before.disabledAt.toISOString() },
  });
  return user;
}
