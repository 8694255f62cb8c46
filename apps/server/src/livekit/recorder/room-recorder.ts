import { stat } from 'node:fs/promises';
import {
  AudioStream,
  Room,
  RoomEvent,
  TrackKind,
  TrackSource,
  VideoBufferType,
  VideoStream,
} from '@livekit/rtc-node';
import type {
  AudioFrame,
  RemoteParticipant,
  RemoteTrack,
  RemoteTrackPublication,
  VideoFrame,
  VideoFrameEvent,
} from '@livekit/rtc-node';
import type { Logger } from 'pino';
import { AudioMix } from './audio-mix.js';
import { AUDIO_SAMPLE_RATE, describeExit, startEncoder } from './encoder.js';
import type { Encoder, EncoderExit } from './encoder.js';
import { pickStage, StageCanvas } from './stage.js';
import type { I420Picture, StageSource } from './stage.js';

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

interface VideoEntry {
  kind: StageSource['kind'];
  reader: ReadableStreamDefaultReader<VideoFrameEvent>;
  latest: VideoFrame | undefined;
  version: number;
  receivedAt: number;
  picture: I420Picture | undefined;
  pictureVersion: number;
}

const CONNECT_TIMEOUT_MS = 15_000;
const FINISH_TIMEOUT_MS = 120_000;
/** A camera that sent nothing for this long (muted, frozen) leaves the stage. */
const STALE_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function toI420(frame: VideoFrame): I420Picture {
  const i420 = frame.type === VideoBufferType.I420 ? frame : frame.convert(VideoBufferType.I420);
  return { width: i420.width, height: i420.height, data: i420.data };
}

/**
 * The built-in recorder of one room: a hidden participant that subscribes to everyone, composes
 * the stage (`stage.ts`), mixes every publisher's audio (`audio-mix.ts`) and feeds both to ffmpeg
 * (`encoder.ts`). One wall clock drives both inputs: at each tick it writes as many video frames
 * and audio samples as the time since the start calls for, repeating the last picture and
 * writing silence when nothing new came, so audio and video stay in step however publishers
 * come and go. When ffmpeg falls behind, frames wait (up to a bound) instead of piling up.
 */
export class RoomRecorder {
  private readonly room = new Room();
  private readonly videos = new Map<string, VideoEntry>();
  private readonly audios = new Map<string, ReadableStreamDefaultReader<AudioFrame>>();
  private readonly mix = new AudioMix();
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

  /** Joins the room and starts ffmpeg; resolves with the instant the file's clock starts. */
  async start(): Promise<Date> {
    if (this.state !== 'idle') throw new Error('a recorder starts once');
    this.state = 'starting';
    this.room
      .on(RoomEvent.TrackSubscribed, (track, publication, participant) =>
        this.handleTrackSubscribed(track, publication, participant),
      )
      .on(RoomEvent.TrackUnsubscribed, (_track, publication) =>
        this.handleTrackGone(publication.sid ?? ''),
      )
      .on(RoomEvent.Disconnected, () => this.handleDisconnected());
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

  private handleTrackSubscribed(
    track: RemoteTrack,
    publication: RemoteTrackPublication,
    participant: RemoteParticipant,
  ): void {
    const sid = publication.sid ?? track.sid ?? `${participant.identity}:${this.videos.size}`;
    if (track.kind === TrackKind.KIND_VIDEO) {
      const kind =
        publication.source === TrackSource.SOURCE_SCREENSHARE
          ? 'screen_share'
          : publication.source === TrackSource.SOURCE_CAMERA
            ? 'camera'
            : undefined;
      if (!kind) return;
      const reader = new VideoStream(track).getReader();
      const entry: VideoEntry = {
        kind,
        reader,
        latest: undefined,
        version: 0,
        receivedAt: 0,
        picture: undefined,
        pictureVersion: -1,
      };
      this.videos.set(sid, entry);
      void this.readVideo(entry);
    } else if (track.kind === TrackKind.KIND_AUDIO) {
      const reader = new AudioStream(track, {
        sampleRate: AUDIO_SAMPLE_RATE,
        numChannels: 1,
      }).getReader();
      this.audios.set(sid, reader);
      void this.readAudio(sid, reader);
    }
  }

  private async readVideo(entry: VideoEntry): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await entry.reader.read();
        if (done) return;
        entry.latest = value.frame;
        entry.version += 1;
        entry.receivedAt = performance.now();
      }
    } catch {
      // The track went away: `handleTrackGone` has dropped it.
    }
  }

  private async readAudio(
    sid: string,
    reader: ReadableStreamDefaultReader<AudioFrame>,
  ): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.mix.push(sid, value.data);
      }
    } catch {
      // The track went away.
    }
  }

  private handleTrackGone(sid: string): void {
    const video = this.videos.get(sid);
    if (video) {
      this.videos.delete(sid);
      video.reader.cancel().catch(() => undefined);
    }
    const audio = this.audios.get(sid);
    if (audio) {
      this.audios.delete(sid);
      this.mix.remove(sid);
      audio.cancel().catch(() => undefined);
    }
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

  /** The sources to draw now, their pictures converted to I420 only when they changed. */
  private stageSources(): StageSource[] {
    const now = performance.now();
    const candidates = [...this.videos.entries()]
      .filter(([, e]) => e.latest && now - e.receivedAt < STALE_MS)
      .map(([key, entry]) => ({ key, kind: entry.kind, entry }));
    return pickStage(candidates).map(({ key, kind, entry }) => {
      if (entry.pictureVersion !== entry.version) {
        entry.picture = toI420(entry.latest!);
        entry.pictureVersion = entry.version;
      }
      return { key, kind, picture: entry.picture!, version: entry.pictureVersion };
    });
  }

  /** Writes what the clock calls for: audio samples, then video frames while ffmpeg keeps up. */
  private tick(force = false): void {
    const encoder = this.encoder;
    if (!encoder || (this.state !== 'recording' && !force)) return;
    const elapsedMs = performance.now() - this.t0;
    const wantSamples = Math.floor((elapsedMs * AUDIO_SAMPLE_RATE) / 1000);
    if (wantSamples > this.samplesWritten) {
      const pcm = this.mix.read(wantSamples - this.samplesWritten);
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
    if (this.canvas.compose(this.stageSources()) || !this.lastFrame) {
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
    for (const sid of [...this.videos.keys(), ...this.audios.keys()]) this.handleTrackGone(sid);
    this.room.removeAllListeners();
    await this.room.disconnect().catch(() => undefined);
  }
}
