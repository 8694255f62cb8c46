import { mkdir, rm } from 'node:fs/promises';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { findFfmpeg } from '../../livekit/recorder/ffmpeg.js';
import { createRecorderToken } from '../../livekit/recorder/recorder-token.js';
import { RoomRecorder } from '../../livekit/recorder/room-recorder.js';
import type { RecorderResult } from '../../livekit/recorder/room-recorder.js';
import { recordingFile, recordingsDir } from './recording-files.js';
import { IN_PROGRESS } from './recording-repository.js';
import type { RecordingRepository, RecordingRow } from './recording-repository.js';

const HEARTBEAT_MS = 5_000;

interface Running {
  recorder: RoomRecorder;
  /** Settles once the database says how it ended. */
  settled: Promise<void>;
}

/**
 * The built-in recorders this app instance runs, one per recording. Each one's row says
 * `active` from the first frame; a heartbeat every few seconds records progress and picks up a
 * stop asked through another instance (the row says `ending`); the end is written once, as
 * `complete` with the file's size or `failed` with the reason.
 */
export function builtinRecorders(
  ctx: AppContext,
  repo: RecordingRepository,
  setFlag: (sessionId: string, recording: boolean) => Promise<void>,
) {
  const running = new Map<string, Running>();
  const cfg = ctx.config.recording;

  async function settle(row: RecordingRow, result: RecorderResult): Promise<void> {
    const endedAt = new Date();
    if (result.ok) {
      await repo.transition(row.id, IN_PROGRESS, {
        status: 'complete',
        endedAt,
        durationMs: result.durationMs,
        sizeBytes: result.sizeBytes,
        heartbeatAt: endedAt,
      });
      ctx.logger.info(
        { recording: row.id, session: row.sessionId, durationMs: result.durationMs },
        'recording complete',
      );
    } else {
      await repo.transition(row.id, IN_PROGRESS, {
        status: 'failed',
        endedAt,
        durationMs: result.durationMs,
        error: result.error,
      });
      // What ffmpeg left behind has no index: it would not play.
      await rm(recordingFile(ctx.config.dataDir, row.id), { force: true });
      ctx.logger.warn(
        { recording: row.id, session: row.sessionId, error: result.error },
        'recording failed',
      );
    }
    await setFlag(row.sessionId, false);
  }

  /** Starts the recorder of a `starting` row; resolves with the row once it is `active`. */
  async function run(row: RecordingRow): Promise<RecordingRow> {
    const fail = async (error: string, cause?: unknown): Promise<never> => {
      await repo.transition(row.id, IN_PROGRESS, { status: 'failed', endedAt: new Date(), error });
      throw new AppError('DEPENDENCY_UNAVAILABLE', error, { recording_id: row.id }, { cause });
    };
    const ffmpeg = await findFfmpeg(cfg.ffmpegPath);
    if (!ffmpeg) return fail('ffmpeg is not available on this server: recording cannot start');
    await mkdir(recordingsDir(ctx.config.dataDir), { recursive: true });
    const recorder = new RoomRecorder({
      url: ctx.livekit.clientUrl,
      token: createRecorderToken({
        keys: ctx.livekit.keys,
        room: row.sessionId,
        recordingId: row.id,
        ttlSeconds: ctx.config.tokenTtlSeconds,
      }),
      output: recordingFile(ctx.config.dataDir, row.id),
      ffmpeg,
      width: cfg.width,
      height: cfg.height,
      fps: cfg.fps,
      preset: cfg.preset,
      threads: cfg.threads,
      logger: ctx.logger.child({ recording: row.id, session: row.sessionId }),
    });
    const settled = recorder.done.then((result) =>
      settle(row, result).catch((err: Error) =>
        ctx.logger.error({ err: err.message, recording: row.id }, 'recording end not saved'),
      ),
    );
    running.set(row.id, { recorder, settled });
    void settled.finally(() => running.delete(row.id));
    let startedAt: Date;
    try {
      startedAt = await recorder.start();
    } catch (err) {
      await settled;
      return fail((err as Error).message, err);
    }
    const active = await repo.transition(row.id, ['starting'], {
      status: 'active',
      startedAt,
      heartbeatAt: new Date(),
    });
    if (!active) {
      // Stopped (or failed by the reconcile loop) while it was joining.
      await recorder.stop();
      await settled;
      return (await repo.findById(row.id)) ?? row;
    }
    await setFlag(row.sessionId, true);
    return active;
  }

  /** Stops a recorder running here and waits until its end is saved; false if none runs. */
  async function stop(recordingId: string, note?: string): Promise<boolean> {
    const entry = running.get(recordingId);
    if (!entry) return false;
    await entry.recorder.stop(note);
    await entry.settled;
    return true;
  }

  async function heartbeat(): Promise<void> {
    for (const [id, { recorder }] of running) {
      const row = await repo.findById(id);
      if (!row || row.status === 'ending' || !IN_PROGRESS.includes(row.status)) {
        void stop(id);
        continue;
      }
      if (row.status === 'active') {
        await repo.transition(id, ['active'], {
          heartbeatAt: new Date(),
          durationMs: recorder.durationMs,
        });
      }
    }
  }

  const timer = setInterval(() => {
    heartbeat().catch((err: Error) =>
      ctx.logger.warn({ err: err.message }, 'recording heartbeat failed'),
    );
  }, HEARTBEAT_MS);
  timer.unref();

  return {
    run,
    stop,
    isRunning: (recordingId: string) => running.has(recordingId),
    get count() {
      return running.size;
    },
    /** Finalises every recording running here (graceful shutdown): they end `complete`. */
    async close(): Promise<void> {
      clearInterval(timer);
      await Promise.all([...running.keys()].map((id) => stop(id, 'the server stopped')));
    },
  };
}
export type BuiltinRecorders = ReturnType<typeof builtinRecorders>;
