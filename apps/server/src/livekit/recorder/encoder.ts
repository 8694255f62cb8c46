import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

export interface EncoderOptions {
  ffmpeg: string;
  output: string;
  width: number;
  height: number;
  fps: number;
  preset: string;
  threads: number;
}

export const AUDIO_SAMPLE_RATE = 48_000;

export type EncoderExit = { code: number | null; signal: NodeJS.Signals | null; lastLines: string };

/**
 * One ffmpeg process: raw I420 frames on stdin at a constant frame rate, mono 48 kHz s16le on
 * fd 3, out to an MP4 (H.264 + AAC, moov atom first) that browsers play. Both inputs are
 * constant-rate streams starting at the same instant, so their sample counts are their clocks.
 */
export function startEncoder(options: EncoderOptions) {
  const { width, height, fps } = options;
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-s',
    `${width}x${height}`,
    '-r',
    String(fps),
    '-i',
    'pipe:0',
    '-f',
    's16le',
    '-ar',
    String(AUDIO_SAMPLE_RATE),
    '-ac',
    '1',
    '-thread_queue_size',
    '256',
    '-i',
    'pipe:3',
    '-map',
    '0:v',
    '-map',
    '1:a',
    '-c:v',
    'libx264',
    '-preset',
    options.preset,
    '-crf',
    '23',
    '-pix_fmt',
    'yuv420p',
    '-profile:v',
    'high',
    // A keyframe every 2 s: seeking in the browser stays quick.
    '-g',
    String(fps * 2),
    '-threads',
    String(options.threads),
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    options.output,
  ];
  const child = spawn(options.ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe', 'pipe'] });
  const video = child.stdin!;
  const audio = child.stdio[3] as Writable;
  // A write after ffmpeg died fails with EPIPE: the exit handler reports why, not the pipe.
  video.on('error', () => undefined);
  audio.on('error', () => undefined);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<EncoderExit>((resolve) => {
    child.once('error', (err) =>
      resolve({ code: null, signal: null, lastLines: `cannot run ffmpeg: ${err.message}` }),
    );
    child.once('close', (code, signal) =>
      resolve({ code, signal, lastLines: stderr.trim().split('\n').slice(-3).join(' | ') }),
    );
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', reject);
  });
  return {
    pid: () => child.pid,
    spawned,
    exited,
    video,
    audio,
    /** Ends both inputs: ffmpeg flushes, writes the index and exits. */
    finish() {
      video.end();
      audio.end();
    },
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      child.kill(signal);
    },
  };
}
export type Encoder = ReturnType<typeof startEncoder>;

/** Why an encoder that was not asked to stop ended, in a sentence for the recording's `error`. */
export function describeExit(exit: EncoderExit): string {
  const how = exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code}`;
  return `the encoder (ffmpeg) ${how}${exit.lastLines ? `: ${exit.lastLines}` : ''}`;
}
