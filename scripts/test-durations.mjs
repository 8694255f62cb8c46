// Writes tests/durations.json (seconds per test file) from the last `npm test` run's report, for
// the longest-first order in vitest.config.ts. Run it after a full run on a quiet machine.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './prepare.mjs';

const report = JSON.parse(readFileSync(join(root, '.test-artifacts', 'vitest.json'), 'utf8'));
const durations = Object.fromEntries(
  report.testResults
    .map((file) => [
      relative(root, file.name),
      Math.round((file.endTime - file.startTime) / 100) / 10,
    ])
    .sort(([a], [b]) => (a < b ? -1 : 1)),
);
writeFileSync(join(root, 'tests', 'durations.json'), `${JSON.stringify(durations, null, 2)}\n`);
console.log(`tests/durations.json: ${Object.keys(durations).length} files`);
