import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../../scripts/build-server.mjs';
import { openDatabase } from '../src/db/client.js';
import {
  ADMIN_DATABASE_URL,
  adminQuery,
  databaseUrlOf,
  postgresTemplateName,
  runDatabasePrefix,
} from './support/database.js';
import { livekitBinary } from './support/app-process.js';

/** Fails early and clearly when the real parts the tests need are missing. */
export async function setup(): Promise<void> {
  process.env.STAGECAST_TEST_RUN ??= randomBytes(4).toString('hex');
  livekitBinary();
  // The app the tests start as a process runs this bundle; built anew so it is the code here.
  await buildServer();
  if (ADMIN_DATABASE_URL) await adminQuery('select 1');
  // One migrated PGlite database that test databases are copied from.
  const dir = mkdtempSync(join(tmpdir(), 'stagecast-pglite-template-'));
  const template = await openDatabase({ databaseUrl: undefined, dataDir: dir });
  await template.migrate();
  await template.close();
  process.env.STAGECAST_PGLITE_TEMPLATE = join(dir, 'pglite');
  if (ADMIN_DATABASE_URL) {
    // The same on PostgreSQL: one migrated database that `create database … template` copies.
    const name = postgresTemplateName();
    await adminQuery(`create database ${name}`);
    const migrated = await openDatabase({ databaseUrl: databaseUrlOf(name), dataDir: dir });
    await migrated.migrate();
    await migrated.close();
    process.env.STAGECAST_POSTGRES_TEMPLATE = name;
  }
}

/** Drops any database of this run that a crashed test left behind; other runs keep theirs. */
export async function teardown(): Promise<void> {
  const template = process.env.STAGECAST_PGLITE_TEMPLATE;
  if (template) rmSync(join(template, '..'), { recursive: true, force: true });
  if (!ADMIN_DATABASE_URL) return;
  const { rows } = await adminQuery(
    `select datname from pg_database where datname like '${runDatabasePrefix()}%'`,
  );
  for (const row of rows as { datname: string }[]) {
    await adminQuery(`drop database if exists ${row.datname} with (force)`);
  }
}
