// The Go load generator of bench/viewers.ts (bench/viewers/, LiveKit's Go SDK on pion): built
// with `go build` into the user cache, its clips encoded once with ffmpeg into the same cache,
// and its processes driven in JSON lines (see bench/viewers/view.go and publish.go).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Cleanups } from './support.mjs';
import { ROOT } from './support.mjs';

const SOURCE_DIR = join(ROOT, 'bench/viewers');

export function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'stagecast', 'bench-viewers');
}

function run(cmd: string, args: string[], cwd: string, what: string): void {
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
export function buildLoadgen(log: (m: string) => void): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(SOURCE_DIR).sort()) {
    if (/\.(go|mod|sum)$/.test(file))
      hash.update(file).update(readFileSync(join(SOURCE_DIR, file)));
  }
  const bin = join(cacheDir(), `loadgen-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(bin)) return bin;
  mkdirSync(cacheDir(), { recursive: true });
  log('building the Go load generator (go build, bench/viewers)…');
  const started = Date.now();
  run('go', ['build', '-o', `${bin}.tmp`, '.'], SOURCE_DIR, 'go build of bench/viewers');
  renameSync(`${bin}.tmp`, bin);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s: ${bin}`);
  return bin;
}

export interface ClipSettings {
  seconds: number;
  fps: number;
  /** Temporal noise strength of ffmpeg's `noise` filter over `testsrc2`: a camera's grain. */
  noise: number;
  layers: { rid: 'q' | 'h' | 'f'; width: number; height: number; kbps: number }[];
  audioKbps: number;
  keyFrameSeconds: number;
}

export interface Clips {
  dir: string;
  /** What each file holds, per layer: its mean bitrate in kbit/s. */
  fileKbps: Record<string, number>;
}

/**
 * The publisher's clips: a moving test picture (`testsrc2`) under fresh noise in every frame,
 * so that x264 needs every bit it is given (at CRF 23 this picture takes ~6 Mbit/s at 720p),
 * encoded as WebRTC's encoders do (constrained baseline, no B-frames or look-ahead, a 1-second
 * VBV at the target bitrate); and an Opus tone. Cached by the settings' hash.
 */
export function encodeClips(settings: ClipSettings, log: (m: string) => void): Clips {
  const key = createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 16);
  const dir = join(cacheDir(), `clips-${key}`);
  const files = [...settings.layers.map((l) => `${l.rid}.h264`), 'audio.ogg'];
  if (!files.every((f) => existsSync(join(dir, f)))) {
    mkdirSync(`${dir}.tmp`, { recursive: true });
    log(`encoding the publisher's clips with ffmpeg (${settings.seconds} s, once)…`);
    const started = Date.now();
    const split = settings.layers.map((_, i) => `[s${i}]`).join('');
    const scales = settings.layers
      .map((l, i) => `[s${i}]scale=${l.width}:${l.height}[v${i}]`)
      .join(';');
    const gop = String(settings.fps * settings.keyFrameSeconds);
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-t',
      String(settings.seconds),
      '-i',
      `testsrc2=size=1280x720:rate=${settings.fps},noise=alls=${settings.noise}:allf=t+u`,
      '-f',
      'lavfi',
      '-t',
      String(settings.seconds),
      '-i',
      'sine=frequency=220:beep_factor=4:sample_rate=48000',
      '-filter_complex',
      `[0:v]split=${settings.layers.length}${split};${scales}`,
    ];
    settings.layers.forEach((l, i) => {
      const rate = `${l.kbps}k`;
      args.push('-map', `[v${i}]`, '-c:v', 'libx264', '-preset', 'veryfast');
      args.push('-tune', 'zerolatency', '-profile:v', 'baseline', '-level', '3.1');
      args.push('-pix_fmt', 'yuv420p', '-b:v', rate, '-maxrate', rate, '-bufsize', rate);
      args.push('-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-bf', '0');
      args.push('-f', 'h264', join(`${dir}.tmp`, `${l.rid}.h264`));
    });
    args.push('-map', '1:a', '-c:a', 'libopus', '-b:a', `${settings.audioKbps}k`, '-ac', '1');
    args.push('-page_duration', '20000', join(`${dir}.tmp`, 'audio.ogg'));
    run('ffmpeg', args, ROOT, 'ffmpeg (the clips)');
    renameSync(`${dir}.tmp`, dir);
    log(`encoded in ${((Date.now() - started) / 1000).toFixed(0)} s: ${dir}`);
  }
  const fileKbps: Record<string, number> = {};
  for (const f of files) {
    fileKbps[f.replace(/\..*$/, '')] = Math.round(
      (statSync(join(dir, f)).size * 8) / 1000 / settings.seconds,
    );
  }
  return { dir, fileKbps };
}

/** One JSON line a loadgen process wrote. */
export type LoadgenEvent = { ev: string } & Record<string, unknown>;

export interface LoadgenProcess {
  pid: number;
  send(command: Record<string, unknown>): void;
  /** The next event that `match` accepts (events seen before the call are not looked at). */
  next(match: (e: LoadgenEvent) => boolean, timeoutMs: number): Promise<LoadgenEvent>;
  on(handler: (e: LoadgenEvent) => void): void;
  off(handler: (e: LoadgenEvent) => void): void;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `bin <args>` (`env` on top of ours); its stop (SIGTERM, then SIGKILL) goes to `cleanups` at once. */
export function startLoadgen(
  bin: string,
  args: string[],
  cleanups: Cleanups,
  env: Record<string, string> = {},
): LoadgenProcess {
  const child = spawn(bin, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let errText = '';
  child.stderr.on('data', (d: Buffer) => (errText = (errText + d.toString()).slice(-20_000)));
  const handlers = new Set<(e: LoadgenEvent) => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const event = JSON.parse(line) as LoadgenEvent;
    for (const h of [...handlers]) h(event);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let gone = false;
  void exited.then(() => (gone = true));
  cleanups.add(async () => {
    if (gone) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });
  return {
    pid: child.pid ?? 0,
    send: (command) => void child.stdin.write(`${JSON.stringify(command)}\n`),
    next: (match, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          handlers.delete(handler);
          reject(new Error(`loadgen: no answer in ${timeoutMs} ms\n${errText.slice(-2000)}`));
        }, timeoutMs);
        const handler = (e: LoadgenEvent) => {
          if (!match(e)) return;
          clearTimeout(timer);
          handlers.delete(handler);
          resolve(e);
        };
        handlers.add(handler);
        void exited.then((code) => {
          clearTimeout(timer);
          handlers.delete(handler);
          reject(new Error(`loadgen exited (${code}):\n${errText.slice(-3000)}`));
        });
      }),
    on: (handler) => void handlers.add(handler),
    off: (handler) => void handlers.delete(handler),
    stderr: () => errText,
    exited,
  };
}
