import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { advisoryLeaderLock, LOCK_CONNECTION, soleInstanceLock } from './leader-lock.js';
import type { LeaderLock } from './leader-lock.js';
import { MIGRATION_LOCK_ID, MIGRATIONS_FOLDER } from './migrate.js';
import * as schema from './schema.js';
import { isDatabaseUnavailable } from './unavailable.js';

/**
 * The database the repositories use: PostgreSQL through node-postgres when `DATABASE_URL` is set,
 * otherwise PGlite (PostgreSQL compiled to WebAssembly) in `DATA_DIR`. Both speak the same SQL and
 * the same Drizzle API, so one repository layer serves both.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * What kind of failure a query met: `connection` (no database to talk to), `constraint` (a
 * unique or foreign key rule, which some use cases expect: a second recording start), `data`
 * (a value the database cannot store), `query` (anything else the database refused).
 */
export type DbErrorKind = 'connection' | 'constraint' | 'data' | 'query';

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Calls `listener` for each query the driver saw fail (for `/metrics`). */
  onError(listener: (kind: DbErrorKind) => void): void;
  /** Raw SQL for the rare query the query builder cannot say; returns the rows. */
  rows<T>(query: SQL): Promise<T[]>;
  /** A round trip to the database, for readiness checks. */
  ping(): Promise<void>;
  /** Applies the committed migrations not yet applied (see `migrate.ts`). */
  migrate(): Promise<void>;
  /**
   * A lock for work that one instance at a time does (see `leader-lock.ts`), by key: an
   * advisory lock on PostgreSQL, always held on PGlite (one process).
   */
  leaderLock(key: number): LeaderLock;
  close(): Promise<void>;
}

const dialect = new PgDialect();

/** The kind of a driver's error, from its SQLSTATE (none: the connection failed). */
export function dbErrorKind(err: unknown): DbErrorKind {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return 'connection';
  if (code.startsWith('08')) return 'connection';
  if (code.startsWith('23')) return 'constraint';
  if (code.startsWith('22')) return 'data';
  return 'query';
}

/**
 * Reports every rejection of `target[method]` (called the promise way) to `onError`, once per
 * error: the caller still gets the rejection as it was.
 */
function watchFailures(
  target: object,
  method: string,
  seen: WeakSet<object>,
  onError: (err: unknown) => void,
): void {
  const holder = target as Record<string, (...args: unknown[]) => unknown>;
  const original = holder[method]!.bind(target);
  holder[method] = (...args: unknown[]) => {
    const result = original(...args);
    if (result instanceof Promise) {
      result.catch((err: unknown) => {
        if (err && typeof err === 'object') {
          if (seen.has(err)) return;
          seen.add(err);
        }
        onError(err);
      });
    }
    return result;
  };
}

/** The listeners of `Database.onError`, and what the driver wrappers call. */
function errorListeners() {
  const listeners: ((kind: DbErrorKind) => void)[] = [];
  const seen = new WeakSet<object>();
  const report = (err: unknown) => {
    const kind = dbErrorKind(err);
    for (const listener of listeners) listener(kind);
  };
  return {
    add: (listener: (kind: DbErrorKind) => void) => void listeners.push(listener),
    report,
    /** Reports the failures of `target[method]` (see `watchFailures`). */
    watch: (target: object, method: string) => watchFailures(target, method, seen, report),
  };
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(join(options.dataDir, 'pglite'));
}

/** A driver's parts, with `rows` and `ping` added the same way for both drivers. */
function withQueries(
  parts: Omit<Database, 'rows' | 'ping' | 'onError'> & {
    errors: ReturnType<typeof errorListeners>;
    /** Runs SQL text with its parameters on the driver; resolves with the rows. */
    query: (text: string, params: unknown[]) => Promise<unknown[]>;
  },
): Database {
  const { query, errors, ...database } = parts;
  return {
    ...database,
    onError: errors.add,
    rows: async <T>(sqlQuery: SQL) => {
      const { sql: text, params } = dialect.sqlToQuery(sqlQuery);
      return (await query(text, params)) as T[];
    },
    ping: async () => {
      try {
        await parts.db.execute(sql`select 1`);
      } catch (err) {
        // `/readyz` shows this: which kind of failure, not the driver's text (addresses, SQL).
        const unreachable = isDatabaseUnavailable(err);
        throw new Error(unreachable ? 'not reachable' : 'the query failed', { cause: err });
      }
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  const errors = errorListeners();
  // An idle client that loses its connection emits here; without a listener it would crash us.
  pool.on('error', (err) => errors.report(err));
  // Every query runs on a pooled client (a transaction's too); a pool that cannot connect
  // rejects `pool.query` before any client sees it.
  pool.on('connect', (client) => errors.watch(client, 'query'));
  errors.watch(pool, 'query');
  return withQueries({
    db: drizzle(pool, { schema }),
    kind: 'postgres',
    errors,
    query: async (text, params) => (await pool.query(text, params)).rows as unknown[],
    migrate: async () => {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      // A session-level advisory lock on one dedicated connection: two instances starting at
      // once on one database apply the migrations one after the other, never both.
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.end();
      }
    },
    leaderLock: (key) =>
      advisoryLeaderLock(() => new pg.Client({ connectionString: url, ...LOCK_CONNECTION }), key),
    close: () => pool.end(),
  });
}

async function openPglite(dir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const errors = errorListeners();
  errors.watch(client, 'query');
  errors.watch(client, 'exec');
  return withQueries({
    db: drizzle(client, { schema }),
    kind: 'pglite',
    errors,
    query: async (text, params) => (await client.query(text, params)).rows,
    migrate: async () => {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    leaderLock: () => soleInstanceLock,
    close: () => client.close(),
  });
}
