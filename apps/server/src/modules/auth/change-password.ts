import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { TokenIssuer } from './authenticator.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { userRepository } from './user-repository.js';
import type { UserRow } from './user-repository.js';

/**
 * Changes the account's password once the current one is given: every other sign-in of the
 * account ends, and the caller continues with a new token.
 */
export async function changePassword(options: {
  db: Db;
  tokens: TokenIssuer;
  user: UserRow;
  currentPassword: string;
  newPassword: string;
}): Promise<{ user: UserRow; token: string }> {
  const { tokens, user } = options;
  if (user.passwordHash === null) {
    throw new AppError(
      'FORBIDDEN',
      'this account signs in through your site or its OpenID provider and has no password here',
      undefined,
      { reason: 'password_not_set' },
    );
  }
  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) {
    throw new AppError(
      'FORBIDDEN',
      'current_password is wrong',
      { field: 'current_password' },
      { reason: 'wrong_password' },
    );
  }
  await userRepository(options.db).setPasswordHash(
    user.id,
    await hashPassword(options.newPassword),
  );
  await tokens.revokeAllForUser(user.id);
  return { user, token: await tokens.issueForUser(user.id) };
}
