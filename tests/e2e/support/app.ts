import { createTestDatabase } from '../../../apps/server/test/support/database.js';
import type { TestDatabase } from '../../../apps/server/test/support/database.js';
import { startApp } from '../../../apps/server/test/support/app-process.js';
import type { RunningApp } from '../../../apps/server/test/support/app-process.js';

/** The real app as `npm start` runs it (embedded LiveKit, PGlite), on free ports. */
export async function startE2eApp(): Promise<{
  app: RunningApp;
  db: TestDatabase;
  stop(): Promise<void>;
}> {
  const db = await createTestDatabase('pglite');
  const app = await startApp({
    dataDir: db.dataDir,
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_MULTIPLIER: '50' },
  });
  await app.waitReady();
  return {
    app,
    db,
    stop: async () => {
      await app.stop();
      await db.drop();
    },
  };
}
