import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Test databases. PGlite always; PostgreSQL too when `DATABASE_URL` is set (`.ci/run` sets it to
 * this machine's server). Every test database is new and dropped afterwards, so runs never see
 * each other's rows.
 */
export type Backend = 'pglite' | 'postgres';

export const ADMIN_DATABASE_URL = process.env.DATABASE_URL;

export function backends(): Backend[] {
  return ADMIN_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** The backend app-level tests run on: PostgreSQL when configured, else PGlite. */
export function preferredBackend(): Backend {
  return ADMIN_DATABASE_URL ? 'postgres' : 'pglite';
}

export interface TestDatabase {
  backend: Backend;
  /** Set for PostgreSQL: a database of its own on the server. */
  databaseUrl: string | undefined;
  /** A fresh folder: PGlite's files live here, and apps use it as DATA_DIR. */
  dataDir: string;
  drop(): Promise<void>;
}

export const TEST_DATABASE_PREFIX = 'stagecast_test_';

/** Names this run's databases; set once by the global setup, inherited by every test worker. */
export function runDatabasePrefix(): string {
  return `${TEST_DATABASE_PREFIX}${process.env.STAGECAST_TEST_RUN ?? 'adhoc'}_`;
}

/** The URL of database `name` on the run's PostgreSQL server (`DATABASE_URL`). */
export function databaseUrlOf(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The run's migrated PostgreSQL database that the others are copied from (`global-setup.ts`). */
export function postgresTemplateName(): string {
  return `${runDatabasePrefix()}template`;
}

/**
 * A fresh database. Unless `empty` is asked for, it is a copy of the run's migrated template
 * (`global-setup.ts`): PGlite's first start (initdb in WebAssembly) takes seconds and a copy
 * opens in a fraction of that; on PostgreSQL, `create database … template` saves every app
 * start the migrations.
 */
export async function createTestDatabase(
  backend: Backend,
  options: { empty?: boolean } = {},
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stagecast-test-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (backend === 'pglite') {
    const template = process.env.STAGECAST_PGLITE_TEMPLATE;
    if (template && !options.empty) cpSync(template, join(dataDir, 'pglite'), { recursive: true });
    return { backend, databaseUrl: undefined, dataDir, drop: async () => removeDir() };
  }
  if (!ADMIN_DATABASE_URL) throw new Error('DATABASE_URL is not set: no PostgreSQL to test on');
  const name = `${runDatabasePrefix()}${randomBytes(4).toString('hex')}`;
  const template = process.env.STAGECAST_POSTGRES_TEMPLATE;
  await adminQuery(
    template && !options.empty
      ? `create database ${name} template ${template}`
      : `create database ${name}`,
  );
  return {
    backend,
    databaseUrl: databaseUrlOf(name),
    dataDir,
    drop: async () => {
      await adminQuery(`drop database if exists ${name} with (force)`);
      removeDir();
    },
  };
}

export async function adminQuery(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** What a test started on a database of its own: `stop` stops it, then drops the database. */
export interface OnOwnDatabase<T> {
  started: T;
  db: TestDatabase;
  stop: () => Promise<void>;
}

/**
 * Starts something on a fresh database of `backend` (its data folder, and its URL on
 * PostgreSQL); `stop` stops it, then drops the database.
 */
export async function onOwnDatabase<T extends { stop(): Promise<unknown> }>(
  backend: Backend,
  start: (db: TestDatabase) => Promise<T>,
): Promise<OnOwnDatabase<T>> {
  const db = await createTestDatabase(backend);
  try {
    const started = await start(db);
    const stop = async () => {
      await started.stop();
      await db.drop();
    };
    return { started, db, stop };
  } catch (err) {
    await db.drop();
    throw err;
  }
}
