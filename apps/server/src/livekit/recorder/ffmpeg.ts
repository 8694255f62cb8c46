import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Which ffmpeg the built-in recorder runs: `FFMPEG_PATH`, else `ffmpeg` on the PATH (Debian's,
 * which `npm test` installs with apt), else the static build `@ffmpeg-installer/ffmpeg` ships
 * inside its platform npm package (so `npm start` works on a machine without ffmpeg).
 */

function answers(binary: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(binary, ['-hide_banner', '-version'], { timeout: 10_000 }, (err) => resolve(!err));
  });
}

function shippedFfmpeg(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const { path } = require('@ffmpeg-installer/ffmpeg') as { path: string };
    try {
      accessSync(path, constants.X_OK);
    } catch {
      // npm may skip the package's `chmod` install script.
      chmodSync(path, 0o755);
    }
    return path;
  } catch {
    return undefined;
  }
}

let found: Promise<string | undefined> | undefined;

/** The ffmpeg to run, or undefined when there is none (recording then answers 503). */
export function findFfmpeg(configured: string | undefined): Promise<string | undefined> {
  if (configured) return answers(configured).then((ok) => (ok ? configured : undefined));
  found ??= (async () => {
    if (await answers('ffmpeg')) return 'ffmpeg';
    const shipped = shippedFfmpeg();
    if (shipped && (await answers(shipped))) return shipped;
    return undefined;
  })();
  return found;
}

/**
 * The duration of a finished MP4 in milliseconds, read from ffmpeg's header dump (ffprobe is
 * not always there), or undefined when the file does not open: it is not playable.
 */
export function probeDurationMs(ffmpeg: string, file: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile(
      ffmpeg,
      ['-hide_banner', '-nostdin', '-i', file],
      { timeout: 20_000, maxBuffer: 1024 * 1024 },
      (_err, _stdout, stderr) => {
        // ffmpeg exits 1 here (no output named); the header dump is what counts.
        const match = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
        const hasVideo = /Stream #\S+.*Video: h264/.test(stderr);
        if (!match || !hasVideo) return resolve(undefined);
        const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
        resolve(Math.round(seconds * 1000));
      },
    );
  });
}
