import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

/**
 * The rows of `table` that `where` picks (all of them when undefined), in `orderBy` order: the
 * list read of every repository, as `findOne` is its one-row read.
 */
export async function findAll<T extends PgTable>(
  db: Db,
  table: T,
  where: SQL | undefined,
  ...orderBy: (PgColumn | SQL)[]
): Promise<T['$inferSelect'][]> {
  // Drizzle's `from()` cannot check a table of a generic type; the rows are those of `table`.
  const source: PgTable = table;
  return db
    .select()
    .from(source)
    .where(where)
    .orderBy(...orderBy);
}
