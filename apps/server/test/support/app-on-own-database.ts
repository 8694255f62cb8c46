import { afterEach } from 'vitest';
import { startApp } from './app-process.js';
import type { RunningApp } from './app-process.js';
import { onOwnDatabase, preferredBackend } from './database.js';
import type { Backend, TestDatabase } from './database.js';

export interface AppOnOwnDatabase {
  app: RunningApp;
  db: TestDatabase;
  /** Stops the app, then drops its database. */
  stop(): Promise<void>;
}

/**
 * The app as its own process (`startApp`) on a fresh database of its own, with `env` on top:
 * PGlite, as `npm start` runs it, unless `backend` says otherwise. Not waited for: a test of a
 * refused start looks at the exit, the others call `app.waitReady()`.
 */
export async function startAppOnOwnDatabase(
  env?: Record<string, string>,
  backend: Backend = 'pglite',
): Promise<AppOnOwnDatabase> {
  const {
    started: app,
    db,
    stop,
  } = await onOwnDatabase(backend, (db) =>
    startApp({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, env }),
  );
  return { app, db, stop };
}

/**
 * For files whose tests each start an app of their own: registers an `afterEach` that stops
 * what the test started, and answers the function that starts one (`startAppOnOwnDatabase`, on
 * PostgreSQL when the run has one: these tests are about the app's start, not its database, and
 * PGlite's start costs seconds of CPU each time).
 */
export function useAppPerTest(): (env?: Record<string, string>) => Promise<RunningApp> {
  const started: AppOnOwnDatabase[] = [];
  afterEach(async () => {
    for (const one of started.splice(0)) await one.stop();
  });
  return async (env) => {
    const one = await startAppOnOwnDatabase(env, preferredBackend());
    started.push(one);
    return one.app;
  };
}
