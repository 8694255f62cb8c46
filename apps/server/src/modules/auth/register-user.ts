import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { TokenIssuer } from './authenticator.js';
import { hashPassword } from './passwords.js';
import { userRepository } from './user-repository.js';
import type { UserRow } from './user-repository.js';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/**
 * Creates an account and signs it in. The first account registered while no admin exists
 * becomes `admin`; the table lock makes two simultaneous first registrations take turns, so
 * only one does.
 */
export async function registerUser(options: {
  db: Db;
  tokens: TokenIssuer;
  input: { email: string; username: string; password: string };
}): Promise<{ user: UserRow; token: string }> {
  const { db, input } = options;
  const passwordHash = await hashPassword(input.password);
  let user: UserRow;
  try {
    user = await db.transaction(async (tx) => {
      await tx.execute(sql`lock table users in share row exclusive mode`);
      const repo = userRepository(tx);
      const role = (await repo.countByRole('admin')) === 0 ? 'admin' : 'user';
      return repo.create({
        id: randomUUID(),
        email: input.email,
        username: input.username,
        passwordHash,
        role,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError(
        'CONFLICT',
        'an account with this email or username already exists',
        { field: 'email' },
        { cause: err, reason: 'account_exists' },
      );
    }
    throw err;
  }
  return { user, token: await options.tokens.issueForUser(user.id) };
}
