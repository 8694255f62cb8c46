import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/database.js';
import type { TestDatabase } from './support/database.js';
import { startApp } from './support/app-process.js';
import type { RunningApp } from './support/app-process.js';
import { livekitPids } from './support/processes.js';

describe('two instances side by side', () => {
  const dbs: TestDatabase[] = [];
  const apps: RunningApp[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await Promise.all(dbs.map((d) => d.drop()));
  });

  it('run at once with different PORT, LIVEKIT_PORT and DATA_DIR, both ready', async () => {
    dbs.push(await createTestDatabase('pglite'), await createTestDatabase('pglite'));
    for (const db of dbs) apps.push(await startApp({ dataDir: db.dataDir }));
    await Promise.all(apps.map((a) => a.waitReady()));

    const [a, b] = apps as [RunningApp, RunningApp];
    expect(a.port).not.toBe(b.port);
    expect(a.livekitPort).not.toBe(b.livekitPort);
    for (const app of apps) {
      const res = await fetch(`${app.baseUrl}/readyz`);
      expect(res.status).toBe(200);
      expect(livekitPids(app.dataDir)).toHaveLength(1);
    }
    // Each has its own LiveKit keys.
    expect(a.keys().apiKey).not.toBe(b.keys().apiKey);
  });
});
