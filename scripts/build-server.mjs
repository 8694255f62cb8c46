// Bundles the server (apps/server/src/server.ts and the contracts it uses) into one ES module,
// apps/server/dist/server.mjs, with a source map; npm packages stay imports. `npm start`, the
// tests and the benches run this file: starting it costs a fraction of what loading the
// TypeScript sources through tsx does (about 0.3 s against 2–3 s of CPU per app start, and a
// full test run starts the app some hundred times). It takes well under a second, so it is
// built anew every time rather than trusted to be current.
import { cpSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './prepare.mjs';

const server = join(root, 'apps', 'server');
export const SERVER_BUNDLE = join(server, 'dist', 'server.mjs');

/** Bare imports stay imports, except our own workspace packages, which are TypeScript. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@stagecast/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * Builds the bundle into a folder of its own, then moves it into place, so that an app starting
 * meanwhile never reads half a file.
 */
export async function buildServer() {
  const { build } = await import('esbuild');
  const staging = join(server, `dist.${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: [join(server, 'src', 'server.ts')],
    outfile: join(staging, 'server.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [externalPackages],
  });
  // The migrations are read at run time from next to the module that applies them.
  cpSync(join(server, 'src', 'db', 'migrations'), join(staging, 'migrations'), {
    recursive: true,
  });
  rmSync(join(server, 'dist'), { recursive: true, force: true });
  renameSync(staging, join(server, 'dist'));
  return SERVER_BUNDLE;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildServer();
