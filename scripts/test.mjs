// `npm test`: installs what is missing (npm packages, livekit-server), builds the web app, runs
// every test with lint and the type checks beside them, and ends with the line `N passed, N failed`.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLivekitServer } from './livekit-server.mjs';
import {
  buildWeb,
  checkNode,
  ensureCaddy,
  ensureChromium,
  ensureFfmpeg,
  ensureNetworkTools,
  installPackages,
  root,
  step,
} from './prepare.mjs';
import { TSC, TYPECHECKS } from './typecheck.mjs';

checkNode();
installPackages();

const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
let passed = 0;
let failed = 0;

/**
 * Runs one static check as its own process at the lowest CPU priority; resolves with its name,
 * outcome, output and time. Niced, the checks take only the CPU the build and the tests leave
 * idle (integration tests spend much of their time waiting on timers and the network), so they
 * add little to the wall time and do not slow the timing-sensitive tests.
 */
function runCheck(name, cmd, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('nice', ['-n', '19', process.execPath, cmd, ...args], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (err) => (output += `${err.message}\n`));
    child.on('close', (code) =>
      resolve({ name, ok: code === 0, output, seconds: (Date.now() - started) / 1000 }),
    );
  });
}

// The static checks, two at a time, beside the install steps and the tests; each one's output is
// printed whole once all of them are done.
const checks = [
  ['eslint', bin('eslint', 'bin/eslint.js'), ['.']],
  [
    'prettier --check',
    bin('prettier', 'bin/prettier.cjs'),
    ['--check', '--log-level', 'warn', '.'],
  ],
  // The type checks (scripts/typecheck.mjs), one check a project.
  ...TYPECHECKS.map(({ project, args }) => [`tsc -p ${project}`, TSC, args]),
];
step(`static checks (${checks.map(([name]) => name).join(', ')}), in the background…`);
const pending = [...checks];
const checkResults = [];
const staticChecks = Promise.all(
  [0, 1].map(async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      checkResults.push(await runCheck(...next));
    }
  }),
);

try {
  // Tests always run the embedded LiveKit, whatever a developer's .env says.
  process.env.LIVEKIT_SERVER_BIN = await ensureLivekitServer({ env: process.env });
} catch (err) {
  step(err.message);
  process.exit(1);
}
buildWeb();
process.env.CHROMIUM_PATH = ensureChromium();
ensureFfmpeg();
ensureCaddy();
ensureNetworkTools();

const artifacts = join(root, '.test-artifacts');
mkdirSync(artifacts, { recursive: true });
const report = join(artifacts, 'vitest.json');
rmSync(report, { force: true });
step('vitest run…');
const extra = process.argv.slice(2);
// Spawned, not spawnSync: the static checks' events must keep running meanwhile.
const vitestStatus = await new Promise((resolve) => {
  const child = spawn(
    process.execPath,
    [
      bin('vitest', 'vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--reporter=${join(root, 'scripts', 'timing-reporter.mjs')}`,
      `--outputFile.json=${report}`,
      ...extra,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  child.on('error', () => resolve(1));
  child.on('close', (code) => resolve(code ?? 1));
});
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A file that fails to load or a crashed worker counts as a failure even with no test in it.
  const brokenFiles = results.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  );
  failed += brokenFiles.length;
  if (results.numTotalTests === 0) failed += 1;
} catch {
  step('vitest wrote no report: counting the run as failed');
  failed += 1;
}
if (vitestStatus !== 0 && failed === 0) failed += 1;

await staticChecks;
for (const result of checkResults) {
  if (result.output.trim()) process.stdout.write(result.output);
  step(`${result.name}: ${result.ok ? 'ok' : 'FAILED'} (${result.seconds.toFixed(1)} s)`);
  if (result.ok) passed += 1;
  else failed += 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
