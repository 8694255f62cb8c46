// Finds or installs the `livekit-server` binary. Plain Node.js with no dependencies, so that
// `npm start` and `npm test` can call it before anything else is installed.
//
// Order (SPEC §1): LIVEKIT_SERVER_BIN → `livekit-server` on the PATH → the user cache →
// `go install` of the pinned version into that cache → the official release archive.
import { spawn, spawnSync } from 'node:child_process';
import {
  constants,
  accessSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The one place the LiveKit server version is pinned. */
export const LIVEKIT_SERVER_VERSION = '1.13.5';
export const LIVEKIT_GO_MODULE = 'github.com/livekit/livekit-server/cmd/server';

const prefix = '[livekit-server]';

export function cacheDir(env = process.env) {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'stagecast', 'livekit-server', LIVEKIT_SERVER_VERSION);
}

export function cachedBinaryPath(env = process.env) {
  return join(cacheDir(env), 'livekit-server');
}

function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name, env) {
  for (const dir of (env.PATH || '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The version a binary reports, e.g. `1.13.5`, or undefined when it does not run. */
export function binaryVersion(file) {
  const out = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (out.status !== 0) return undefined;
  return /version\s+v?(\S+)/.exec(`${out.stdout}${out.stderr}`)?.[1];
}

/** Finds an installed binary without installing anything. */
export function findLivekitServer(env = process.env) {
  if (env.LIVEKIT_SERVER_BIN) {
    if (!isExecutable(env.LIVEKIT_SERVER_BIN)) {
      throw new Error(
        `LIVEKIT_SERVER_BIN is set to ${env.LIVEKIT_SERVER_BIN}, which is not an executable file. ` +
          'Point it at a livekit-server binary or unset it.',
      );
    }
    return { path: env.LIVEKIT_SERVER_BIN, source: 'LIVEKIT_SERVER_BIN' };
  }
  const fromPath = onPath('livekit-server', env);
  if (fromPath) return { path: fromPath, source: 'PATH' };
  const cached = cachedBinaryPath(env);
  if (isExecutable(cached)) return { path: cached, source: 'cache' };
  return undefined;
}

function formatSeconds(ms) {
  return `${Math.round(ms / 1000)} s`;
}

async function goInstall(env, log) {
  const go = onPath('go', env);
  if (!go) return { ok: false, reason: '`go` is not on the PATH' };
  const dir = cacheDir(env);
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(dir, '.go-install-'));
  const started = Date.now();
  log(
    `building ${LIVEKIT_GO_MODULE}@v${LIVEKIT_SERVER_VERSION} with go install ` +
      '(about 3 minutes and 1 GB of memory the first time; cached afterwards)…',
  );
  const child = spawn(go, ['install', '-v', `${LIVEKIT_GO_MODULE}@v${LIVEKIT_SERVER_VERSION}`], {
    env: { ...env, GOBIN: staging, GOFLAGS: env.GOFLAGS ?? '-mod=mod' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let downloads = 0;
  let packages = 0;
  const tail = [];
  const onLine = (line) => {
    if (!line) return;
    tail.push(line);
    if (tail.length > 20) tail.shift();
    if (line.startsWith('go: downloading')) downloads += 1;
    else if (!line.startsWith('go:')) packages += 1;
  };
  let buffered = '';
  const onData = (chunk) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    lines.forEach(onLine);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const ticker = setInterval(() => {
    log(
      `  … ${formatSeconds(Date.now() - started)}: ${downloads} modules downloaded, ` +
        `${packages} packages built`,
    );
  }, 10_000);
  const code = await new Promise((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', resolve);
  });
  clearInterval(ticker);
  const built = join(staging, 'server');
  if (code !== 0 || !isExecutable(built)) {
    rmSync(staging, { recursive: true, force: true });
    return { ok: false, reason: `go install failed (exit ${code}):\n    ${tail.join('\n    ')}` };
  }
  renameSync(built, cachedBinaryPath(env));
  rmSync(staging, { recursive: true, force: true });
  log(`built in ${formatSeconds(Date.now() - started)}`);
  return { ok: true };
}

export function releaseArchiveUrl(platform = process.platform, arch = process.arch) {
  const os = { linux: 'linux', darwin: 'darwin' }[platform];
  const cpu = { x64: 'amd64', arm64: 'arm64', arm: 'armv7' }[arch];
  if (!os || !cpu) return undefined;
  const v = LIVEKIT_SERVER_VERSION;
  return `https://github.com/livekit/livekit/releases/download/v${v}/livekit_${v}_${os}_${cpu}.tar.gz`;
}

async function downloadRelease(env, log) {
  const url = releaseArchiveUrl();
  if (!url)
    return { ok: false, reason: `no release archive for ${process.platform}/${process.arch}` };
  log(`downloading ${url}…`);
  const dir = cacheDir(env);
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'livekit-release-'));
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    if (!res.ok) return { ok: false, reason: `download answered HTTP ${res.status}` };
    const archive = join(staging, 'livekit.tar.gz');
    await writeFile(archive, Buffer.from(await res.arrayBuffer()));
    const tar = spawnSync('tar', ['-xzf', archive, '-C', staging, 'livekit-server'], {
      encoding: 'utf8',
    });
    if (tar.status !== 0) return { ok: false, reason: `tar failed: ${tar.stderr.trim()}` };
    renameSync(join(staging, 'livekit-server'), cachedBinaryPath(env));
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `download failed: ${err?.cause?.message ?? err.message}` };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Returns the path of a working livekit-server, installing it into the user cache when none is
 * found. Throws one error naming every way to provide it when all fail.
 */
export async function ensureLivekitServer({ env = process.env, log = defaultLog } = {}) {
  const found = findLivekitServer(env);
  if (found) {
    const version = binaryVersion(found.path);
    if (!version) throw new Error(`${found.path} (from ${found.source}) does not run.`);
    if (version !== LIVEKIT_SERVER_VERSION) {
      log(
        `using ${found.path} (from ${found.source}), version ${version}; Stagecast is tested ` +
          `with ${LIVEKIT_SERVER_VERSION}`,
      );
    } else {
      log(`using ${found.path} (from ${found.source}), version ${version}`);
    }
    return found.path;
  }
  log(`not found in LIVEKIT_SERVER_BIN, the PATH or ${cacheDir(env)}; installing it`);
  const viaGo = await goInstall(env, log);
  if (viaGo.ok) return cachedBinaryPath(env);
  log(`go install did not work: ${viaGo.reason}`);
  const viaRelease = await downloadRelease(env, log);
  if (viaRelease.ok) return cachedBinaryPath(env);
  throw new Error(
    [
      `Could not find or install livekit-server v${LIVEKIT_SERVER_VERSION}. Any one of these fixes it:`,
      '  1. Set LIVEKIT_SERVER_BIN to the path of a livekit-server binary you already have.',
      '  2. Put livekit-server on the PATH (https://docs.livekit.io/home/self-hosting/local/).',
      `  3. Install Go >= 1.26 so that \`go install ${LIVEKIT_GO_MODULE}@v${LIVEKIT_SERVER_VERSION}\` ` +
        `can build it into ${cacheDir(env)} (this try: ${viaGo.reason.split('\n')[0]}).`,
      `  4. Allow downloads from GitHub releases, or download ${releaseArchiveUrl() ?? 'the archive'} ` +
        `yourself and unpack livekit-server into ${cacheDir(env)} (this try: ${viaRelease.reason}).`,
      '  Or use an external LiveKit server: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.',
    ].join('\n'),
  );
}

function defaultLog(message) {
  process.stderr.write(`${prefix} ${message}\n`);
}
