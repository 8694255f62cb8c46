import type { SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

/**
 * The row of `table` that `where` picks (the first, should it pick several), or undefined: the
 * one-row read of every repository.
 */
export async function findOne<T extends PgTable>(
  db: Db,
  table: T,
  where: SQL | undefined,
): Promise<T['$inferSelect'] | undefined> {
  // Drizzle's `from()` cannot check a table of a generic type; the rows are those of `table`.
  const source: PgTable = table;
  const [row] = await db.select().from(source).where(where).limit(1);
  return row;
}
