import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each test file took in a full run (`node scripts/test-durations.mjs` writes it from the
 * last run's report). A fresh clone has no vitest cache, and by default vitest then starts the
 * largest files first, which can leave the longest integration test to start last while the
 * other worker idles. This starts the longest first (files not listed yet, at once), so the two
 * workers finish together.
 */
const durationsFile = new URL('./tests/durations.json', import.meta.url);
const durations: Record<string, number> = existsSync(durationsFile)
  ? (JSON.parse(readFileSync(durationsFile, 'utf8')) as Record<string, number>)
  : {};

class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (spec: TestSpecification) =>
      durations[relative(process.cwd(), spec.moduleId)] ?? Number.POSITIVE_INFINITY;
    return Promise.resolve([...files].sort((a, b) => seconds(b) - seconds(a)));
  }
}

const unitFiles = ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'];
/**
 * Unit files that replace a module with `vi.mock`: a mock applies only where the module is
 * imported anew, so these run isolated (in a worker that shared its modules, an earlier file's
 * real livekit-client would be what they get).
 */
const mockingFiles = [
  'apps/web/src/features/room/LiveRoom.test.ts',
  'apps/web/src/features/room/RoomPage.test.ts',
  'apps/web/src/features/room/controls/RoomControls.test.ts',
  'apps/web/src/features/embed/EmbedPage.test.ts',
];
const integrationFiles = [
  'apps/*/src/**/*.int.test.ts',
  'apps/*/test/**/*.test.ts',
  'tests/e2e/**/*.e2e.test.ts',
];

export default defineConfig({
  test: {
    setupFiles: ['apps/web/src/test-support/setup-dom.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // Two at a time on a 2-core machine. Three were faster on a quick host (462 s against 551 s
    // for two, when a run took 834 CPU-s), but on a host that does half as much per CPU-second
    // (1,434 CPU-s for the same run) the run is CPU-bound either way: three took 801 s with two
    // files failing from starvation (rtc-node connects timing out, an e2e past its time limit)
    // where two took 736 s.
    maxWorkers: 2,
    sequence: { concurrent: false, sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          // Unit and DOM tests start nothing and share no state between files, so a worker
          // keeps its modules from one file to the next instead of importing React, zod and the
          // rest anew for each (half the CPU and the time of isolated files).
          name: 'unit',
          include: unitFiles,
          exclude: [...configDefaults.exclude, '**/*.int.test.ts', ...mockingFiles],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'unit-mocking', include: mockingFiles } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: integrationFiles,
          // Isolated, unlike the unit files: sharing a worker's modules took 8 app-level files from
          // 70 CPU-s to 43, but a full run got slower (952 s against 840 s) with timing failures:
          // what one file leaves running (clients, timers, pages) then runs on through the next.
          isolate: true,
          setupFiles: ['apps/server/test/support/setup-integration.ts'],
          globalSetup: ['apps/server/test/global-setup.ts'],
        },
      },
    ],
  },
});
