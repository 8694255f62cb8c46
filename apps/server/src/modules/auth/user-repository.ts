import { count, eq } from 'drizzle-orm';
import type { UserRole } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { AppError } from '../../errors.js';

export type UserRow = typeof users.$inferSelect;

export interface NewUser {
  id: string;
  email: string;
  username: string;
  passwordHash: string;
  role: UserRole;
}

function updated([row]: UserRow[]): UserRow {
  if (!row) throw new AppError('NOT_FOUND', 'no such user');
  return row;
}

/** Users table access; the same code runs on PGlite and PostgreSQL. */
export function userRepository(db: Db) {
  return {
    async create(user: NewUser): Promise<UserRow> {
      const [row] = await db
        .insert(users)
        .values({ ...user, email: user.email.toLowerCase() })
        .returning();
      return row!;
    },
    async findById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
      return row;
    },
    async findByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(eq(users.email, email.toLowerCase()))
        .limit(1);
      return row;
    },
    /** Sets a new password hash; NOT_FOUND when the account is gone. */
    async setPasswordHash(id: string, passwordHash: string): Promise<UserRow> {
      return updated(
        await db
          .update(users)
          .set({ passwordHash, updatedAt: new Date() })
          .where(eq(users.id, id))
          .returning(),
      );
    },
    /** Sets the account's role; NOT_FOUND when there is no such account. */
    async setRole(id: string, role: UserRole): Promise<UserRow> {
      return updated(
        await db
          .update(users)
          .set({ role, updatedAt: new Date() })
          .where(eq(users.id, id))
          .returning(),
      );
    },
    async countByRole(role: UserRole): Promise<number> {
      const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, role));
      return row?.n ?? 0;
    },
  };
}
