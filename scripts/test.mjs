// `npm test`: installs what is missing (npm packages, livekit-server), builds the web app, then
// runs lint, the type checks and every test, and ends with the line `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
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

checkNode();
installPackages();
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

const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
let passed = 0;
let failed = 0;

/** Runs one static check as its own process; resolves with its name, outcome, output and time. */
function runCheck(name, cmd, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cmd, ...args], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) =>
      resolve({ name, ok: code === 0, output, seconds: (Date.now() - started) / 1000 }),
    );
  });
}

// The static checks, two at a time (one a core): each waits on its own files, and side by side
// they take about half as long as one after the other. Each one's output is printed whole.
const checks = [
  ['eslint', bin('eslint', 'bin/eslint.js'), ['.']],
  [
    'prettier --check',
    bin('prettier', 'bin/prettier.cjs'),
    ['--check', '--log-level', 'warn', '.'],
  ],
  ...['packages/contracts', 'apps/server', 'apps/web', 'tests/e2e', 'bench'].map((project) => [
    `tsc -p ${project}`,
    bin('typescript', 'bin/tsc'),
    ['-p', project],
  ]),
];
step(`static checks (${checks.map(([name]) => name).join(', ')}), two at a time…`);
const pending = [...checks];
await Promise.all(
  [0, 1].map(async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const result = await runCheck(...next);
      if (result.output.trim()) process.stdout.write(result.output);
      step(`${result.name}: ${result.ok ? 'ok' : 'FAILED'} (${result.seconds.toFixed(1)} s)`);
      if (result.ok) passed += 1;
      else failed += 1;
    }
  }),
);

const artifacts = join(root, '.test-artifacts');
mkdirSync(artifacts, { recursive: true });
const report = join(artifacts, 'vitest.json');
rmSync(report, { force: true });
step('vitest run…');
const extra = process.argv.slice(2);
const vitest = spawnSync(
  process.execPath,
  [
    bin('vitest', 'vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...extra,
  ],
  { cwd: root, stdio: 'inherit' },
);
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
if (vitest.status !== 0 && failed === 0) failed += 1;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
