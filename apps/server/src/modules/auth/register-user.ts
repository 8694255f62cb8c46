import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { hashPassword } from './passwords.js';
import { userRepository } from './user-repository.js';
import type { UserRow } from './user-repository.js';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/**
 * Creates an account. The first account registered while no admin exists becomes `admin`; the
 * table lock makes two simultaneous first registrations take turns, so only one does.
 */
export async function registerUser(
  db: Db,
  input: { email: string; username: string; password: string },
): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
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
      throw new AppError('CONFLICT', 'an account with this email or username already exists', {
        field: 'email',
      });
    }
    throw err;
  }
}
