import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { egressControl } from './egress.js';
import type { EgressBackend } from './egress.js';
import { findFfmpeg, probeDurationMs } from './recorder/ffmpeg.js';
import { createRecorderToken } from './recorder/recorder-token.js';
import { RoomRecorder } from './recorder/room-recorder.js';
import type { RecorderResult } from './recorder/room-recorder.js';
import type { LivekitRuntime } from './runtime.js';

/** One recording by the server's own recorder: a hidden participant feeding ffmpeg. */
export interface BuiltinRecording {
  /** Joins the room and starts encoding; resolves with the instant the file's clock starts. */
  start(): Promise<Date>;
  /** Finalises the file (safe at any time, and more than once); resolves as `done` does. */
  stop(note?: string): Promise<RecorderResult>;
  /** Settles once, when the recording is over for any reason. */
  readonly done: Promise<RecorderResult>;
  /** What is recorded so far, in milliseconds of the file. */
  readonly durationMs: number;
  /** The encoder's CPU time so far, in seconds; undefined when it cannot be read. */
  encoderCpuSeconds(): number | undefined;
}

/** The built-in recorder: it runs in this process, with the ffmpeg it finds. */
export interface BuiltinBackend {
  /** The ffmpeg to run, or undefined when this server has none (recording then answers 503). */
  findEncoder(): Promise<string | undefined>;
  /** The length of a finished MP4, or undefined when it does not play (or there is no ffmpeg). */
  probeDurationMs(file: string): Promise<number | undefined>;
  /** A recorder of `room` into `output` (a path made from the recording id); not started yet. */
  create(input: {
    room: string;
    recordingId: string;
    output: string;
    encoder: string;
    logger: Logger;
  }): BuiltinRecording;
}

/** The two ways a session is recorded (SPEC §4), in our own terms. */
export interface RecordingBackends {
  builtin: BuiltinBackend;
  egress: EgressBackend;
}

/**
 * The recording backends over this LiveKit: the built-in recorder joins at `clientUrl` with a
 * recorder token; Egress writes `<recordingId>.mp4` to S3 or, by default, `recordingsDir`.
 */
export function recordingBackends(input: {
  config: Config;
  livekit: Pick<LivekitRuntime, 'clientUrl' | 'keys'>;
  recordingsDir: string;
}): RecordingBackends {
  const { config, livekit } = input;
  const cfg = config.recording;
  const findEncoder = () => findFfmpeg(cfg.ffmpegPath);
  return {
    builtin: {
      findEncoder,
      async probeDurationMs(file) {
        const ffmpeg = await findEncoder();
        return ffmpeg ? probeDurationMs(ffmpeg, file) : undefined;
      },
      create: ({ room, recordingId, output, encoder, logger }) =>
        new RoomRecorder({
          url: livekit.clientUrl,
          token: createRecorderToken({
            keys: livekit.keys,
            room,
            recordingId,
            ttlSeconds: config.tokenTtlSeconds,
          }),
          output,
          ffmpeg: encoder,
          width: cfg.width,
          height: cfg.height,
          fps: cfg.fps,
          preset: cfg.preset,
          threads: cfg.threads,
          logger,
        }),
    },
    egress: egressControl(config, livekit.keys, input.recordingsDir),
  };
}
