import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
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

export default defineConfig({
  test: {
    include: [
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'tests/e2e/**/*.e2e.test.ts',
    ],
    globalSetup: ['apps/server/test/global-setup.ts'],
    setupFiles: ['apps/web/src/test-support/setup-dom.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // Integration tests start livekit-server and the app; two at a time suits a 2-core machine.
    maxWorkers: 2,
    sequence: { concurrent: false, sequencer: LongestFirst },
  },
});
