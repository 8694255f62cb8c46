import type { UserRole } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import type { TokenIssuer } from '../auth/authenticator.js';
import { userRepository } from '../auth/user-repository.js';
import type { UserRow } from '../auth/user-repository.js';

/**
 * Gives an account another role (NOT_FOUND when there is none); cached copies of the account
 * are dropped at once, so the change holds from the next request on.
 */
export async function setUserRole(options: {
  db: Db;
  tokens: TokenIssuer;
  userId: string;
  role: UserRole;
}): Promise<UserRow> {
  const updated = await userRepository(options.db).setRole(options.userId, options.role);
  await options.tokens.forgetUser(updated.id);
  return updated;
}
