import { z } from 'zod';
import {
  booleanFlag,
  duration,
  optionalString,
  settingsArea,
  urlWithProtocols,
  wholeNumber,
} from './fields.js';

/** A frame side in pixels: even, since H.264 with 4:2:0 chroma halves it. */
const evenSize = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(16, 'must be between 16 and 3840')
    .max(3840, 'must be between 16 and 3840')
    .refine((v) => v % 2 === 0, { message: 'must be even (H.264 4:2:0 needs it)' })
    .default(fallback);

/** SPEC §4: how sessions are recorded (the built-in recorder or LiveKit Egress) and where to. */
export const recordingEnv = {
  RECORDING_BACKEND: z.enum(['builtin', 'egress']).default('builtin'),
  RECORDING_WIDTH: evenSize(1280),
  RECORDING_HEIGHT: evenSize(720),
  RECORDING_FPS: wholeNumber(30, 1, 60),
  RECORDING_PRESET: z
    .enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium'])
    .default('veryfast'),
  RECORDING_THREADS: wholeNumber(2, 1, 16),
  RECORDING_MAX_ACTIVE: wholeNumber(2, 1, 100),
  FFMPEG_PATH: optionalString,
  RECORDING_EGRESS_DIR: optionalString,
  RECORDING_EGRESS_TIMEOUT: duration('10s', 1, 120),
  RECORDING_S3_BUCKET: optionalString,
  RECORDING_S3_REGION: optionalString,
  RECORDING_S3_ENDPOINT: urlWithProtocols(['http:', 'https:']),
  RECORDING_S3_ACCESS_KEY: optionalString,
  RECORDING_S3_SECRET: optionalString,
  RECORDING_S3_FORCE_PATH_STYLE: booleanFlag(false),
};

export const recordingArea = settingsArea('Recording', recordingEnv);

type RecordingEnv = z.infer<z.ZodObject<typeof recordingEnv>>;

/** SPEC §4: how sessions are recorded. */
export interface RecordingConfig {
  /** `builtin`: a hidden participant of ours and ffmpeg; `egress`: LiveKit Egress. */
  backend: 'builtin' | 'egress';
  /** The built-in recorder's stage: its size and frame rate bound its CPU, with the preset. */
  width: number;
  height: number;
  fps: number;
  /** x264 preset: faster presets cost less CPU for a larger file. */
  preset: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium';
  /** x264 threads per recording. */
  threads: number;
  /** Built-in recordings this instance runs at once; more starts are refused with 503. */
  maxActive: number;
  /** ffmpeg to run; else the one on the PATH, else the one shipped in npm. */
  ffmpegPath: string | undefined;
  /** Where Egress writes files, as its container sees `DATA_DIR/recordings`. */
  egressDir: string | undefined;
  /**
   * How long a request to LiveKit Egress may take, in seconds; past it the start or stop is
   * answered 503 (with no egress service connected, LiveKit itself answers only after ~22 s).
   */
  egressTimeoutSeconds: number;
  /** Egress uploads here instead when set. */
  s3:
    | {
        bucket: string;
        region: string | undefined;
        endpoint: string | undefined;
        accessKey: string;
        secret: string;
        forcePathStyle: boolean;
      }
    | undefined;
}

/** Recording's part of `Config`. */
export interface RecordingSettings {
  recording: RecordingConfig;
}

/** Cross-field rules of the area; each names the variable to fix. */
export function checkRecording(env: RecordingEnv, ctx: z.RefinementCtx): void {
  const s3 = [env.RECORDING_S3_BUCKET, env.RECORDING_S3_ACCESS_KEY, env.RECORDING_S3_SECRET];
  if (s3.some(Boolean) && !s3.every(Boolean)) {
    ctx.addIssue({
      code: 'custom',
      path: [
        !env.RECORDING_S3_BUCKET
          ? 'RECORDING_S3_BUCKET'
          : !env.RECORDING_S3_ACCESS_KEY
            ? 'RECORDING_S3_ACCESS_KEY'
            : 'RECORDING_S3_SECRET',
      ],
      message:
        'S3 storage for recordings needs RECORDING_S3_BUCKET, RECORDING_S3_ACCESS_KEY and RECORDING_S3_SECRET together',
    });
  }
  if (s3.every(Boolean) && env.RECORDING_BACKEND !== 'egress') {
    ctx.addIssue({
      code: 'custom',
      path: ['RECORDING_BACKEND'],
      message:
        'S3 storage (RECORDING_S3_*) is written by LiveKit Egress: set RECORDING_BACKEND=egress',
    });
  }
}

export function toRecordingSettings(env: RecordingEnv): RecordingSettings {
  return {
    recording: {
      backend: env.RECORDING_BACKEND,
      width: env.RECORDING_WIDTH,
      height: env.RECORDING_HEIGHT,
      fps: env.RECORDING_FPS,
      preset: env.RECORDING_PRESET,
      threads: env.RECORDING_THREADS,
      maxActive: env.RECORDING_MAX_ACTIVE,
      ffmpegPath: env.FFMPEG_PATH,
      egressDir: env.RECORDING_EGRESS_DIR,
      egressTimeoutSeconds: env.RECORDING_EGRESS_TIMEOUT,
      s3:
        env.RECORDING_S3_BUCKET && env.RECORDING_S3_ACCESS_KEY && env.RECORDING_S3_SECRET
          ? {
              bucket: env.RECORDING_S3_BUCKET,
              region: env.RECORDING_S3_REGION,
              endpoint: env.RECORDING_S3_ENDPOINT,
              accessKey: env.RECORDING_S3_ACCESS_KEY,
              secret: env.RECORDING_S3_SECRET,
              forcePathStyle: env.RECORDING_S3_FORCE_PATH_STYLE,
            }
          : undefined,
    },
  };
}
