import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { TokenIssuer } from './authenticator.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { userRepository } from './user-repository.js';
import type { UserRow } from './user-repository.js';

/**
 * Signs an account in by email and password; one answer for an unknown email or a wrong
 * password, and 403 `account_disabled` for a disabled account.
 */
export async function login(options: {
  db: Db;
  tokens: TokenIssuer;
  email: string;
  password: string;
}): Promise<{ user: UserRow; token: string }> {
  const user = await userRepository(options.db).findByEmail(options.email);
  // The same work whether or not the account exists: no timing hint about which emails do.
  const ok = await verifyPassword(
    user?.passwordHash ?? (await dummyPasswordHash()),
    options.password,
  );
  if (!user || !ok) {
    throw new AppError('UNAUTHENTICATED', 'wrong email or password', undefined, {
      reason: 'wrong_credentials',
    });
  }
  // Said only to whoever knows the password, so it reveals nothing about whose account it is.
  if (user.disabledAt) {
    throw new AppError('FORBIDDEN', 'this account has been disabled by an admin', undefined, {
      reason: 'account_disabled',
    });
  }
  return { user, token: await options.tokens.issueForUser(user.id) };
}
