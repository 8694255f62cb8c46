import { stat } from 'node:fs/promises';
import { Room, RoomEvent } from '@livekit/rtc-node';
import type { Logger } from 'pino';
import { quietRtcNode } from '../rtc-node-logs.js';
import { AUDIO_SAMPLE_RATE, describeExit, startEncoder } from './encoder.js';
import type { Encoder, EncoderExit } from './encoder.js';
import { processCpuSeconds } from './process-cpu.js';
import { RoomInputs } from './room-inputs.js';
import { StageCanvas } from './stage.js';

// Before the recorder's first room starts rtc-node's native side: no log capture (see there).
quietRtcNode();

export interface RoomRecorderOptions {
  /** Where the recorder connects (LiveKit's signal URL). */
  url: string;
  token: string;
  /** The MP4 to write; made by the caller from a server-generated id. */
  output: string;
  ffmpeg: string;
  width: number;
  height: number;
  fps: number;
  preset: string;
  threads: number;
  logger: Logger;
}

export type RecorderResult =
  | { ok: true; durationMs: number; sizeBytes: number; note: string | undefined }
  | { ok: false; durationMs: number; error: string };

const CONNECT_TIMEOUT_MS = 15_000;
const FINISH_TIMEOUT_MS = 120_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The built-in recorder of one room: a hidden participant that subscribes to everyone
 * (`room-inputs.ts`: the newest picture of each video, every publisher's audio mixed), composes
 * the stage (`stage.ts`) and feeds both to ffmpeg (`encoder.ts`). One wall clock drives both
 * inputs: at each tick it writes as many video frames and audio samples as the time since the
 * start calls for, repeating the last picture and writing silence when nothing new came, so
 * audio and video stay in step however publishers come and go. When ffmpeg falls behind, frames wait (up to a bound) instead of piling up.
 */
export class RoomRecorder {
  private readonly room = new Room();
  private readonly inputs = new RoomInputs();
  private readonly canvas: StageCanvas;
  private readonly frameBytes: number;
  private encoder: Encoder | undefined;
  private state: 'idle' | 'starting' | 'recording' | 'stopping' | 'done' = 'idle';
  private t0 = 0;
  private framesWritten = 0;
  private samplesWritten = 0;
  private skippedFrames = 0;
  private lastFrame: Buffer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopRequested: { note: string | undefined } | undefined;
  private settle!: (result: RecorderResult) => void;
  /** Settles once, when the recording is over for any reason. */
  readonly done: Promise<RecorderResult>;
  startedAt: Date | undefined;

  constructor(private readonly options: RoomRecorderOptions) {
    this.canvas = new StageCanvas(options.width, options.height);
    this.frameBytes = this.canvas.frame.length;
    this.done = new Promise((resolve) => (this.settle = resolve));
  }

  /** What is recorded so far, in milliseconds of the file. */
  get durationMs(): number {
    return Math.round((this.framesWritten * 1000) / this.options.fps);
  }

  /** The ffmpeg child's pid (tests kill it to check failures are reported). */
  get encoderPid(): number | undefined {
    return this.encoder?.pid();
  }

  /**
   * The CPU time ffmpeg has used so far, in seconds (the composing in this process is part of
   * the process's own CPU); undefined before it runs, after it ended, and off Linux.
   */
  encoderCpuSeconds(): number | undefined {
    return processCpuSeconds(this.encoder?.pid());
  }

  /** Joins the room and starts ffmpeg; resolves with the instant the file's clock starts. */
  async start(): Promise<Date> {
    if (this.state !== 'idle') throw new Error('a recorder starts once');
    this.state = 'starting';
    this.inputs.listen(this.room);
    this.room.on(RoomEvent.Disconnected, () => this.handleDisconnected());
    try {
      await withTimeout(
        this.room.connect(this.options.url, this.options.token, {
          autoSubscribe: true,
          dynacast: false,
        }),
        CONNECT_TIMEOUT_MS,
        'joining the room',
      );
    } catch (err) {
      throw await this.abortStart(
        `the recorder could not join the room: ${(err as Error).message}`,
      );
    }
    const encoder = startEncoder({ ...this.options, output: this.options.output });
    this.encoder = encoder;
    try {
      await encoder.spawned;
    } catch (err) {
      throw await this.abortStart(`cannot run ffmpeg: ${(err as Error).message}`);
    }
    void encoder.exited.then((exit) => this.handleEncoderExit(exit));
    this.t0 = performance.now();
    this.startedAt = new Date();
    this.state = 'recording';
    this.tick();
    this.timer = setInterval(() => this.tick(), 1000 / this.options.fps);
    this.options.logger.info(
      { output: this.options.output, pid: encoder.pid() },
      'recorder started: ffmpeg is encoding',
    );
    if (this.stopRequested) void this.finish(this.stopRequested.note);
    return this.startedAt;
  }

  private async abortStart(error: string): Promise<Error> {
    await this.releaseRoom();
    this.state = 'done';
    this.settle({ ok: false, durationMs: 0, error });
    return new Error(error);
  }

  /** Stops recording and finalises the file. Safe to call at any time, and more than once. */
  async stop(note?: string): Promise<RecorderResult> {
    if (this.state === 'recording') await this.finish(note);
    else if (this.state === 'starting') this.stopRequested = { note };
    else if (this.state === 'idle') {
      this.state = 'done';
      this.settle({ ok: false, durationMs: 0, error: 'stopped before it started' });
    }
    return this.done;
  }

  private handleDisconnected(): void {
    // The room closed (the session ended, LiveKit restarted): what was recorded is kept.
    if (this.state === 'recording') void this.finish('the room closed');
  }

  private handleEncoderExit(exit: EncoderExit): void {
    if (this.state !== 'recording') return;
    this.state = 'done';
    clearInterval(this.timer);
    this.options.logger.warn({ code: exit.code, signal: exit.signal }, 'recorder: ffmpeg died');
    void this.releaseRoom().then(() =>
      this.settle({ ok: false, durationMs: this.durationMs, error: describeExit(exit) }),
    );
  }

  /** Writes what the clock calls for: audio samples, then video frames while ffmpeg keeps up. */
  private tick(force = false): void {
    const encoder = this.encoder;
    if (!encoder || (this.state !== 'recording' && !force)) return;
    const elapsedMs = performance.now() - this.t0;
    const wantSamples = Math.floor((elapsedMs * AUDIO_SAMPLE_RATE) / 1000);
    if (wantSamples > this.samplesWritten) {
      const pcm = this.inputs.readAudio(wantSamples - this.samplesWritten);
      encoder.audio.write(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
      this.samplesWritten = wantSamples;
    }
    const wantFrames = Math.floor((elapsedMs * this.options.fps) / 1000) + 1;
    let owed = wantFrames - this.framesWritten - this.skippedFrames;
    // ffmpeg is more than 5 s behind: give up on those frames rather than hold them all.
    const maxOwed = this.options.fps * 5;
    if (owed > maxOwed) {
      if (this.skippedFrames === 0) {
        this.options.logger.warn('recorder: ffmpeg cannot keep up, frames are skipped');
      }
      this.skippedFrames += owed - maxOwed;
      owed = maxOwed;
    }
    const busy = () => !force && encoder.video.writableLength > 3 * this.frameBytes;
    if (owed <= 0 || busy()) return;
    if (this.canvas.compose(this.inputs.stageSources()) || !this.lastFrame) {
      // A copy: queued writes keep their buffer until ffmpeg has read it.
      this.lastFrame = Buffer.from(this.canvas.frame);
    }
    for (; owed > 0 && !busy(); owed -= 1) {
      encoder.video.write(this.lastFrame);
      this.framesWritten += 1;
    }
  }

  private async finish(note: string | undefined): Promise<void> {
    const encoder = this.encoder!;
    this.state = 'stopping';
    clearInterval(this.timer);
    this.tick(true);
    encoder.finish();
    let exit: EncoderExit | undefined;
    try {
      exit = await withTimeout(encoder.exited, FINISH_TIMEOUT_MS, 'finalising the file');
    } catch {
      encoder.kill('SIGKILL');
    }
    await this.releaseRoom();
    this.state = 'done';
    if (!exit || exit.code !== 0) {
      this.settle({
        ok: false,
        durationMs: this.durationMs,
        error: exit ? describeExit(exit) : 'the encoder (ffmpeg) did not finish the file in time',
      });
      return;
    }
    const size = await stat(this.options.output).then(
      (s) => s.size,
      () => 0,
    );
    this.options.logger.info(
      { output: this.options.output, durationMs: this.durationMs, size },
      'recorder finished the file',
    );
    this.settle({ ok: true, durationMs: this.durationMs, sizeBytes: size, note });
  }

  private async releaseRoom(): Promise<void> {
    this.inputs.close();
    this.room.removeAllListeners();
    await this.room.disconnect().catch(() => undefined);
  }
}
