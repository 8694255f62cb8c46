import type { Client, ClientConfig } from 'pg';

/**
 * A lock that one app instance at a time holds for a job every instance runs on a timer (the
 * reconcile loop): the holder does the work, the others stand by and take over when it goes.
 */
export interface LeaderLock {
  /**
   * Whether this instance holds the lock now: takes it when it is free, and keeps it until
   * `release` or until its connection ends. Rejects when the database cannot be asked.
   */
  hold(): Promise<boolean>;
  /** Gives the lock up (a graceful stop), so another instance takes it at its next try. */
  release(): Promise<void>;
}

/** PGlite is one process: there is no other instance to share the work with. */
export const soleInstanceLock: LeaderLock = {
  hold: async () => true,
  release: async () => undefined,
};

/** How long a lock query may take before the connection is given up as dead. */
const QUERY_TIMEOUT_MS = 5_000;

/** The dedicated connection's settings: short timeouts, and keepalive to notice a dead peer. */
export const LOCK_CONNECTION: Omit<ClientConfig, 'connectionString'> = {
  connectionTimeoutMillis: QUERY_TIMEOUT_MS,
  query_timeout: QUERY_TIMEOUT_MS,
  keepAlive: true,
};

/**
 * A PostgreSQL session-level advisory lock (`pg_try_advisory_lock`) on a dedicated connection,
 * outside the pool, held while the connection lives. The lock dies with its connection, so an
 * instance killed with `kill -9` cannot leave it stuck: its kernel closes the socket, PostgreSQL
 * ends the session and frees the lock at once (a host that vanishes from the network is noticed
 * by TCP keepalive). Needs a direct connection or a session pooler, like the migration lock: a
 * transaction pooler (PgBouncer's `transaction` mode) hands a session's locks to strangers.
 */
export function advisoryLeaderLock(newClient: () => Client, key: number): LeaderLock {
  let client: Client | undefined;
  let held = false;

  const forget = (c: Client) => {
    if (client !== c) return;
    client = undefined;
    held = false;
    void c.end().catch(() => undefined);
  };

  async function connection(): Promise<Client> {
    if (client) return client;
    const c = newClient();
    // A connection that breaks loses the lock with it; the next `hold` connects again.
    c.on('error', () => forget(c));
    c.on('end', () => forget(c));
    await c.connect();
    client = c;
    return c;
  }

  return {
    async hold() {
      const c = await connection();
      try {
        // Held already: a round trip proves the session (and with it the lock) is still there.
        if (held) {
          await c.query('select 1');
          return true;
        }
        const { rows } = await c.query<{ locked: boolean }>(
          'select pg_try_advisory_lock($1) as locked',
          [key],
        );
        held = rows[0]?.locked === true;
        return held;
      } catch (err) {
        forget(c);
        throw err;
      }
    },
    async release() {
      const c = client;
      client = undefined;
      held = false;
      // Ending the session frees every lock it held.
      await c?.end().catch(() => undefined);
    },
  };
}
