import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { userRepository } from './user-repository.js';

/**
 * `ADMIN_EMAIL` + `ADMIN_PASSWORD`: make sure that account exists, is an admin, is enabled and
 * signs in with that password. Runs at every start, so changing the variables and restarting takes effect.
 */
export async function ensureAdmin(
  db: Db,
  admin: { email: string; password: string },
  logger: Logger,
) {
  const repo = userRepository(db);
  const existing = await repo.findByEmail(admin.email);
  if (!existing) {
    const base =
      admin.email
        .split('@')[0]!
        .replace(/[^\p{L}\p{N}_.-]/gu, '')
        .slice(0, 24) || 'admin';
    await repo.create({
      id: randomUUID(),
      email: admin.email,
      username: `${base}-${randomUUID().slice(0, 6)}`,
      passwordHash: await hashPassword(admin.password),
      role: 'admin',
    });
    logger.info({ email: admin.email }, 'admin account created from ADMIN_EMAIL');
    return;
  }
  const changes: Partial<typeof users.$inferInsert> = {};
  if (existing.role !== 'admin') changes.role = 'admin';
  // The operator's way back in: the account the environment names is never left disabled.
  if (existing.disabledAt) changes.disabledAt = null;
  if (!existing.passwordHash || !(await verifyPassword(existing.passwordHash, admin.password))) {
    changes.passwordHash = await hashPassword(admin.password);
  }
  if (Object.keys(changes).length > 0) {
    await db
      .update(users)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(users.id, existing.id));
    logger.info({ email: admin.email }, 'admin account updated from ADMIN_EMAIL');
  }
}
