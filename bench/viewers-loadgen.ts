// The Go load generator of bench/viewers.ts (bench/viewers/, LiveKit's Go SDK on pion): its
// build and processes are loadgen.mjs's; here, its clips, encoded once with ffmpeg into the
// same cache.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, run } from './loadgen.mjs';
import { ROOT } from './support.mjs';

export { buildLoadgen, cacheDir, startLoadgen } from './loadgen.mjs';
export type { LoadgenEvent, LoadgenProcess } from './loadgen.mjs';

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
