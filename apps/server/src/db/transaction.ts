import type { Db } from './client.js';

/**
 * Runs `work` in a transaction (a savepoint inside one already open), handing it the
 * transaction as a `Db`, so the repositories built on it write into it: a change and the
 * webhook event it causes are committed together or not at all.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}
