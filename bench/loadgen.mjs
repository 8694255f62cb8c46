// The Go load generator (bench/viewers/, LiveKit's Go SDK on pion), shared by the benches and
// the soak's short run in the tests: built with `go build` into the user cache (named by a hash
// of its sources, so a build happens once per change), and its processes driven in JSON lines
// (see bench/viewers/view.go, publish.go and churn.go). Types in loadgen.d.mts.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { clearTimeout, setTimeout } from 'node:timers';
import { ROOT, stopAtCleanup } from './support.mjs';

const SOURCE_DIR = join(ROOT, 'bench/viewers');

export function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'stagecast', 'bench-viewers');
}

/** Runs `cmd args` in `cwd` to its end; throws with its output if it fails. */
export function run(cmd, args, cwd, what) {
  const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (res.error && 'code' in res.error && res.error.code === 'ENOENT')
    throw new Error(`${what}: \`${cmd}\` is not on the PATH (see bench/README.md)`);
  if (res.error) throw new Error(`${what}: ${res.error.message}`);
  if (res.status !== 0)
    throw new Error(`${what} failed:\n${(res.stderr || res.stdout).slice(-4000)}`);
}

/**
 * The loadgen binary for the current sources: `go build` (the Go module proxy serves LiveKit's
 * SDK; a first build takes a minute or two) into the cache, named by a hash of the sources.
 */
export function buildLoadgen(log) {
  const hash = createHash('sha256');
  for (const file of readdirSync(SOURCE_DIR).sort()) {
    if (/\.(go|mod|sum)$/.test(file) && !file.endsWith('_test.go'))
      hash.update(file).update(readFileSync(join(SOURCE_DIR, file)));
  }
  const bin = join(cacheDir(), `loadgen-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(bin)) return bin;
  mkdirSync(cacheDir(), { recursive: true });
  log('building the Go load generator (go build, bench/viewers)…');
  const started = Date.now();
  // Per process, so that two builds at once (two test files) do not clash.
  const tmp = `${bin}.${process.pid}.tmp`;
  run('go', ['build', '-o', tmp, '.'], SOURCE_DIR, 'go build of bench/viewers');
  renameSync(tmp, bin);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s: ${bin}`);
  return bin;
}

/** Starts `bin <args>` (`env` on top of ours); its stop (SIGTERM, then SIGKILL) goes to `cleanups` at once. */
export function startLoadgen(bin, args, cleanups, env = {}) {
  const child = spawn(bin, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let errText = '';
  child.stderr.on('data', (d) => (errText = (errText + d.toString()).slice(-20_000)));
  const handlers = new Set();
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const event = JSON.parse(line);
    for (const h of [...handlers]) h(event);
  });
  const { exited, gone } = stopAtCleanup(child, cleanups, 10_000);
  // The waits still pending, each failed at once if the process exits (one exit listener for
  // all, not one per wait: a soak waits thousands of times).
  const pending = new Set();
  void exited.then((code) => {
    for (const fail of [...pending]) fail(code);
  });
  return {
    pid: child.pid ?? 0,
    send: (command) => {
      if (!gone()) child.stdin.write(`${JSON.stringify(command)}\n`);
    },
    next: (match, timeoutMs) =>
      new Promise((resolve, reject) => {
        const settle = () => {
          clearTimeout(timer);
          handlers.delete(handler);
          pending.delete(fail);
        };
        const timer = setTimeout(() => {
          settle();
          reject(new Error(`loadgen: no answer in ${timeoutMs} ms\n${errText.slice(-2000)}`));
        }, timeoutMs);
        const handler = (e) => {
          if (!match(e)) return;
          settle();
          resolve(e);
        };
        const fail = (code) => {
          settle();
          reject(new Error(`loadgen exited (${code}):\n${errText.slice(-3000)}`));
        };
        if (gone()) return fail(child.exitCode);
        handlers.add(handler);
        pending.add(fail);
      }),
    on: (handler) => void handlers.add(handler),
    off: (handler) => void handlers.delete(handler),
    stderr: () => errText,
    exited,
  };
}
