// Writes tests/durations.json (seconds per test file, import and set-up included) from the last
// `npm test` run's .test-artifacts/timings.json, for the longest-first order in vitest.config.ts.
// Run it after a full run on a quiet machine.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './prepare.mjs';

const timings = JSON.parse(readFileSync(join(root, '.test-artifacts', 'timings.json'), 'utf8'));
const durations = Object.fromEntries(
  Object.entries(timings)
    .map(([file, { total }]) => [file, total])
    .sort(([a], [b]) => (a < b ? -1 : 1)),
);
writeFileSync(join(root, 'tests', 'durations.json'), `${JSON.stringify(durations, null, 2)}\n`);
console.log(`tests/durations.json: ${Object.keys(durations).length} files`);
