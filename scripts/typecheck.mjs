// The type checks: TypeScript 7's native compiler (package typescript-native), on one thread,
// over each project. It checks the same code as TypeScript 5.9 (which typescript-eslint needs for
// its API) for a quarter of the CPU here. tests/tsconfig.checks.json checks tests/e2e and bench in
// one program (they share the server's test support). `npm test` runs each as a check of its own;
// `npm run typecheck` (this file, run directly) runs them one after another.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');

/** The native compiler's entry point. */
export const TSC = join(root, 'node_modules', 'typescript-native', 'bin', 'tsc');

/** Each check's tsconfig (a folder or a file), and the arguments that run it. */
export const TYPECHECKS = [
  'packages/contracts',
  'apps/server',
  'apps/web',
  'tests/tsconfig.checks.json',
].map((project) => ({ project, args: ['-p', project, '--singleThreaded'] }));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { project, args } of TYPECHECKS) {
    const { status } = spawnSync(process.execPath, [TSC, ...args], { cwd: root, stdio: 'inherit' });
    if (status !== 0) {
      console.error(`tsc -p ${project}: failed`);
      process.exit(1);
    }
  }
}
