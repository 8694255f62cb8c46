// Shared steps of `npm start` and `npm test`: check Node.js, install npm packages when they are
// missing or stale, find or install livekit-server, build the web app when its sources changed.
// Plain Node.js: it runs before any dependency is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { ensureLivekitServer } from './livekit-server.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function step(message) {
  process.stderr.write(`[stagecast] ${message}\n`);
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    step(`Node.js ${process.versions.node} is too old: Stagecast needs Node.js >= 20.19.`);
    process.exit(1);
  }
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (res.status !== 0) {
    step(`\`${cmd} ${args.join(' ')}\` failed (exit ${res.status ?? res.signal}).`);
    process.exit(1);
  }
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time of any file under `dir` (skipping node_modules and dist). */
function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : mtime(full));
  }
  return newest;
}

export function installPackages() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && mtime(marker) >= mtime(lock)) return;
  step('installing npm packages (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, ['ci', '--no-audit', '--no-fund']);
}

/** Settings from the environment and `.env`, for the few decisions taken before the app runs. */
export function settings() {
  const file = join(root, '.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

/** Resolves livekit-server unless an external LiveKit is configured; returns its path or undefined. */
export async function prepareLivekit() {
  const env = settings();
  if (env.LIVEKIT_URL || env.LIVEKIT_SERVER_URL) {
    step('LIVEKIT_URL is set: using that LiveKit server, no embedded one.');
    return undefined;
  }
  try {
    const bin = await ensureLivekitServer({ env });
    process.env.LIVEKIT_SERVER_BIN = bin;
    return bin;
  } catch (err) {
    step(err.message);
    process.exit(1);
  }
}

export function buildWeb() {
  const web = join(root, 'apps', 'web');
  const built = join(web, 'dist', 'index.html');
  const sources = Math.max(newestIn(web), newestIn(join(root, 'packages', 'contracts')));
  if (existsSync(built) && mtime(built) >= sources) return;
  step('building the web app (vite build)…');
  run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: web,
  });
}

/**
 * Debian's Chromium for the browser tests: installed with apt when missing (as root, or with
 * passwordless sudo). Never a browser download of a test tool's own.
 */
export function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  // Screenshots in zh-CN and ko need a CJK font; a desktop has one, a fresh server does not.
  const packages = [];
  if (!existsSync(chromium)) packages.push('chromium');
  const cjk = spawnSync('sh', ['-c', 'fc-list :lang=ko 2>/dev/null | head -1'], {
    encoding: 'utf8',
  });
  if (!cjk.stdout?.trim()) packages.push('fonts-wqy-zenhei');
  if (packages.length === 0) return chromium;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!hasApt) {
    if (packages.includes('chromium')) {
      step(
        `Chromium is missing at ${chromium} and apt-get is not available: install Chromium and set CHROMIUM_PATH.`,
      );
      process.exit(1);
    }
    step('no CJK font and no apt-get: zh-CN and ko screenshots will show boxes for their text.');
    return chromium;
  }
  step(`installing ${packages.join(' and ')} for the browser tests (apt-get install)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', 'update', '-q'],
    ['apt-get', 'install', '-y', '-q', ...packages],
  ]) {
    const [cmd, ...rest] = [...prefix, ...args];
    run(cmd, rest, { env });
  }
  return chromium;
}

/**
 * Installs the Debian packages that provide the missing commands of `wanted` (command → package)
 * with apt, as root or with passwordless sudo, and exits with a clear message when it cannot.
 * Other apt runs on the machine may hold dpkg's lock for a while: apt waits for it.
 */
function ensureDebianCommands(wanted, purpose) {
  const has = (cmd) =>
    spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  const packages = [
    ...new Set(
      Object.entries(wanted)
        .filter(([cmd]) => !has(cmd))
        .map(([, pkg]) => pkg),
    ),
  ];
  if (packages.length === 0) return;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!has('apt-get') || (!asRoot && !has('sudo'))) {
    step(`${packages.join(', ')} missing for ${purpose} and apt-get cannot run: install them.`);
    process.exit(1);
  }
  const prefix = asRoot ? [] : ['sudo', '-n'];
  step(`installing ${packages.join(', ')} for ${purpose} (apt-get install)…`);
  const wait = ['-o', 'DPkg::Lock::Timeout=300'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', ...wait, 'update', '-q'],
    ['apt-get', ...wait, 'install', '-y', '-q', '--no-install-recommends', ...packages],
  ]) {
    const [cmd, ...rest] = [...prefix, ...args];
    run(cmd, rest, { env });
  }
  const still = Object.keys(wanted).filter((cmd) => !has(cmd));
  if (still.length > 0) {
    step(`apt-get finished but ${still.join(', ')} is still not on the PATH: install it by hand.`);
    process.exit(1);
  }
}

/**
 * ffmpeg and ffprobe for the recording tests: Debian's, installed with apt when missing, like
 * Chromium. `npm start` needs neither: the server falls back to the ffmpeg that
 * `@ffmpeg-installer/ffmpeg` ships inside an npm package.
 */
export function ensureFfmpeg() {
  ensureDebianCommands({ ffmpeg: 'ffmpeg', ffprobe: 'ffmpeg' }, 'the recording tests');
}

/**
 * Caddy 2 for the HTTPS tests (deploy/Caddyfile in front of the app and LiveKit): Debian's
 * package. Its systemd unit is never started here: the tests run `caddy run` as their own child
 * on free loopback ports, with their own storage and the admin endpoint off.
 */
export function ensureCaddy() {
  ensureDebianCommands({ caddy: 'caddy' }, 'the HTTPS tests');
}

/**
 * What the TURN tests use besides Chromium: `ip` (network namespaces for a client with an
 * address of its own), `openssl` (a test CA and certificate), `certutil` (Chromium's NSS trust
 * store), `setpriv`, and `nft` (a firewall in the client's network that blocks media ports).
 */
export function ensureNetworkTools() {
  ensureDebianCommands(
    {
      ip: 'iproute2',
      openssl: 'openssl',
      certutil: 'libnss3-tools',
      setpriv: 'util-linux',
      nft: 'nftables',
    },
    'the TURN tests',
  );
}
