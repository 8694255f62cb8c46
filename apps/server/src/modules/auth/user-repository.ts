import { count, desc, eq, ilike, or } from 'drizzle-orm';
import type { UserRole } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { findOne } from '../../db/find-one.js';
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

/** Users table access; the same code runs on PGlite and PostgreSQL. */
export function userRepository(db: Db) {
  const noSuchUser = () => new AppError('NOT_FOUND', 'no such user');
  /** Changes the account; NOT_FOUND when there is no such account. */
  const update = async (id: string, patch: Partial<UserRow>): Promise<UserRow> => {
    const [row] = await db
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (!row) throw noSuchUser();
    return row;
  };
  return {
    async create(user: NewUser): Promise<UserRow> {
      const [row] = await db
        .insert(users)
        .values({ ...user, email: user.email.toLowerCase() })
        .returning();
      return row!;
    },
    async findById(id: string): Promise<UserRow | undefined> {
      return findOne(db, users, eq(users.id, id));
    },
    /** The account; NOT_FOUND when there is none. */
    async get(id: string): Promise<UserRow> {
      const row = await findOne(db, users, eq(users.id, id));
      if (!row) throw noSuchUser();
      return row;
    },
    async findByEmail(email: string): Promise<UserRow | undefined> {
      return findOne(db, users, eq(users.email, email.toLowerCase()));
    },
    /** Sets a new password hash; NOT_FOUND when the account is gone. */
    async setPasswordHash(id: string, passwordHash: string): Promise<UserRow> {
      return update(id, { passwordHash });
    },
    /** Sets the account's role; NOT_FOUND when there is no such account. */
    async setRole(id: string, role: UserRole): Promise<UserRow> {
      return update(id, { role });
    },
    /** Disables the account (`at`) or enables it (`null`); NOT_FOUND when there is none. */
    async setDisabledAt(id: string, at: Date | null): Promise<UserRow> {
      return update(id, { disabledAt: at });
    },
    /**
     * A page of accounts, newest first; `query` matches part of the email or the username in
     * any case (`%` and `_` in it are matched literally).
     */
    async search(filter: {
      query?: string | undefined;
      page: number;
      pageSize: number;
    }): Promise<{ rows: UserRow[]; total: number }> {
      const pattern = filter.query ? `%${filter.query.replace(/[\\%_]/g, '\\$&')}%` : undefined;
      const where = pattern
        ? or(ilike(users.email, pattern), ilike(users.username, pattern))
        : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(users)
          .where(where)
          .orderBy(desc(users.createdAt), users.id)
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(users).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    async countByRole(role: UserRole): Promise<number> {
      const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, role));
      return row?.n ?? 0;
    },
  };
}
