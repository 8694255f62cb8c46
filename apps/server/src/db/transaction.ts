import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

/**
 * Runs `work` in a transaction, handing it the transaction as a `Db`, so the repositories built
 * on it write into it: a change and the webhook event it causes are committed together or not
 * at all. Inside a transaction already, `work` joins it (a savepoint would cost two round trips
 * and change nothing: an error aborts the whole transaction either way).
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const handle: unknown = db;
  if (handle instanceof PgTransaction) return work(db);
  return db.transaction((tx) => work(tx as unknown as Db));
}
