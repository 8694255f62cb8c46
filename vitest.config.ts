import { defineConfig } from 'vitest/config';

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
    sequence: { concurrent: false },
  },
});
