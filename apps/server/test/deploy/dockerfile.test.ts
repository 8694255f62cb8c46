import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEB_ROOT } from '../../src/app.js';
import { ROOT, readRepoFile, repoPath } from './deploy-files.js';

/**
 * The Dockerfile read as Docker reads it (instructions, stages, ARG defaults), since no engine
 * builds it here: a pinned base, a non-root user, production dependencies only (and everything
 * the server imports among them), a health check on /readyz that works, and a start command
 * that runs the server with the built web app beside it.
 */

interface Instruction {
  stage: number;
  keyword: string;
  args: string;
}

function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue; // a comment inside a continued instruction
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  let stage = -1;
  return logical.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    if (keyword.toUpperCase() === 'FROM') stage += 1;
    return { stage, keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

const instructions = parseDockerfile(readRepoFile('Dockerfile'));
const lastStage = Math.max(...instructions.map((i) => i.stage));
const final = instructions.filter((i) => i.stage === lastStage);
const of = (list: Instruction[], keyword: string) => list.filter((i) => i.keyword === keyword);

/** ARGs before the first FROM, with their defaults, as FROM lines see them. */
const globalArgs = new Map(
  of(
    instructions.filter((i) => i.stage === -1),
    'ARG',
  ).map((i) => {
    const [name, value = ''] = i.args.split('=');
    return [name!, value];
  }),
);

function expandArgs(value: string): string {
  return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a?: string, b?: string) => {
    const name = (a ?? b)!;
    const found = globalArgs.get(name);
    if (found === undefined) throw new Error(`ARG ${name} has no default`);
    return found;
  });
}

/** An exec-form (JSON array) argument: HEALTHCHECK's and CMD's. */
function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  return JSON.parse(json) as string[];
}

function serverPackage() {
  return JSON.parse(readFileSync(repoPath('apps/server/package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The packages a file loads at run time (type-only imports vanish when tsx strips types). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms),
    ...text.matchAll(/^export\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms),
    ...text.matchAll(/^import\s+'([^']+)'/gm),
    ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

describe('Dockerfile', () => {
  it('builds in stages from a Node.js image pinned to a version the app supports', () => {
    const froms = of(instructions, 'FROM').map((i) => expandArgs(i.args.split(/\s+/)[0]!));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const engines = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')).engines.node;
    const [minMajor, minMinor] = /(\d+)\.(\d+)/.exec(engines)!.slice(1).map(Number);
    for (const image of froms) {
      const version = /^node:(\d+)\.(\d+)\.(\d+)-bookworm-slim$/.exec(image);
      expect(version, image).not.toBeNull();
      const [major, minor] = version!.slice(1).map(Number);
      expect(major! > minMajor! || (major === minMajor && minor! >= minMinor!), image).toBe(true);
    }
  });

  it('installs production dependencies only in the final image, where the server and every package it imports come from', () => {
    const runs = of(final, 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b[^&]*--omit=dev/.test(r))).toBe(true);
    expect(runs.filter((r) => /\bnpm ci\b/.test(r) && !r.includes('--omit=dev'))).toEqual([]);

    const pkg = serverPackage();
    const contracts = JSON.parse(
      readFileSync(repoPath('packages/contracts/package.json'), 'utf8'),
    ) as { dependencies: Record<string, string> };
    // `node --import tsx` runs the TypeScript sources: tsx must survive --omit=dev.
    expect(Object.keys(pkg.dependencies)).toContain('tsx');
    const imported = new Set(
      [
        ...sourceFiles(repoPath('apps/server/src')),
        ...sourceFiles(repoPath('packages/contracts/src')),
      ].flatMap(runtimeImports),
    );
    const provided = new Set([
      ...Object.keys(pkg.dependencies),
      ...Object.keys(contracts.dependencies),
    ]);
    expect([...imported].filter((name) => !provided.has(name))).toEqual([]);
    expect(imported.has('fastify')).toBe(true);
  });

  it('runs the server with tsx, the built web app where the server looks for it, as a non-root user', () => {
    const cmd = execForm(of(final, 'CMD').at(-1)!.args);
    expect(cmd).toEqual(['node', '--import', 'tsx', 'apps/server/src/server.ts']);
    expect(existsSync(repoPath(cmd[3]!))).toBe(true);

    const builds = of(instructions, 'RUN').filter((i) => i.stage < lastStage);
    expect(builds.some((i) => i.args.includes('npm run build:web'))).toBe(true);
    const webCopy = of(final, 'COPY').find((i) => i.args.startsWith('--from='));
    const webRoot = relative(ROOT, DEFAULT_WEB_ROOT);
    expect(webCopy?.args).toBe(`--from=build /app/${webRoot} ${webRoot}`);
    for (const path of ['packages/contracts', 'apps/server', 'tsconfig.base.json']) {
      expect(
        of(final, 'COPY').some((i) => i.args === `${path} ${path}` || i.args === `${path} ./`),
        path,
      ).toBe(true);
    }

    const users = of(final, 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const env = of(final, 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/HOST=0\.0\.0\.0/);
    expect(env).toMatch(/DATA_DIR=\/data/);
    expect(of(final, 'RUN').some((i) => i.args.includes(`chown ${users.at(-1)}`))).toBe(true);
  });

  it('checks health on /readyz with a command that exits 0 when ready and 1 otherwise', async () => {
    const check = of(final, 'HEALTHCHECK').at(-1);
    expect(check?.args).toMatch(/--start-period=\d+s/);
    const [bin, ...args] = execForm(check!.args);
    expect(bin).toBe('node');
    expect(args.join(' ')).toContain('/readyz');

    let ready = 200;
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(ready).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await runCheck(args, port)).toBe(0);
      ready = 503;
      expect(await runCheck(args, port)).toBe(1);
      expect(seen).toEqual(['/readyz', '/readyz']);
    } finally {
      server.close();
    }
    // Nothing listening: unhealthy, not a hang.
    expect(await runCheck(args, port)).toBe(1);
  });
});

/** Runs the health check's command (asynchronously: the test's own HTTP server must answer). */
function runCheck(args: string[], port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', PORT: String(port) },
      stdio: 'ignore',
    });
    child.once('exit', (code) => resolve(code));
  });
}

describe('.dockerignore', () => {
  const ignored = readRepoFile('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it("keeps the host's node_modules, .env and git history out of the build context", () => {
    expect(ignored).toEqual(expect.arrayContaining(['.git', '**/node_modules', '.env', 'data']));
  });

  it('keeps in everything the Dockerfile copies from the context', () => {
    const sources = of(instructions, 'COPY')
      .filter((i) => !i.args.startsWith('--from='))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    for (const source of sources) {
      expect(existsSync(repoPath(source)), source).toBe(true);
      expect(ignored.includes(source), source).toBe(false);
      expect(
        ignored.some((pattern) => source.startsWith(`${pattern}/`)),
        source,
      ).toBe(false);
    }
  });
});
