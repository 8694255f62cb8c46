import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { TokenIssuer } from './authenticator.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { userRepository } from './user-repository.js';
import type { UserRow } from './user-repository.js';

/** Signs an account in by email and password; one answer for an unknown email or a wrong password. */
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
  return { user, token: await options.tokens.issueForUser(user.id) };
}
