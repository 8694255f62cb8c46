import { mkdir, rm } from 'node:fs/promises';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { BuiltinBackend, BuiltinRecording, RecorderResult } from '../../livekit/index.js';
import { recordingFile, recordingsDir } from './recording-files.js';
import { IN_PROGRESS } from './recording-repository.js';
import type { RecordingRepository, RecordingRow } from './recording-repository.js';

const HEARTBEAT_MS = 5_000;

interface Running {
  recorder: BuiltinRecording;
  /** Settles once the database says how it ended. */
  settled: Promise<void>;
}

/**
 * The built-in recorders this app instance runs, one per recording. Each one's row says
 * `active` from the first frame; a heartbeat every few seconds records progress and picks up a
 * stop asked through another instance (the row says `ending`); the end is written once, as
 * `complete` with the file's size or `failed` with the reason.
 */
export function builtinRecorders(deps: {
  ctx: AppContext;
  repo: RecordingRepository;
  backend: BuiltinBackend;
  /** Tells the room whether it is recorded (its metadata). */
  setFlag: (sessionId: string, recording: boolean) => Promise<void>;
}) {
  const { ctx, repo, backend, setFlag } = deps;
  const running = new Map<string, Running>();

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
      throw new AppError(
        'DEPENDENCY_UNAVAILABLE',
        error,
        { recording_id: row.id },
        { cause, reason: 'recorder_unavailable' },
      );
    };
    const encoder = await backend.findEncoder();
    if (!encoder) return fail('ffmpeg is not available on this server: recording cannot start');
    await mkdir(recordingsDir(ctx.config.dataDir), { recursive: true });
    const recorder = backend.create({
      room: row.sessionId,
      recordingId: row.id,
      output: recordingFile(ctx.config.dataDir, row.id),
      encoder,
      logger: ctx.logger.child({ recording: row.id, session: row.sessionId }),
    });
    const settled = recorder.done.then((result) =>
      settle(row, result).catch((err: unknown) =>
        ctx.logger.error({ err, recording: row.id }, 'recording end not saved'),
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
    heartbeat().catch((err: unknown) => ctx.logger.warn({ err }, 'recording heartbeat failed'));
  }, HEARTBEAT_MS);
  timer.unref();

  return {
    run,
    stop,
    isRunning: (recordingId: string) => running.has(recordingId),
    get count() {
      return running.size;
    },
    /** Each running recorder's encoder CPU time so far, in seconds (for `/metrics`). */
    encoderCpu(): { recordingId: string; seconds: number }[] {
      const list: { recordingId: string; seconds: number }[] = [];
      for (const [recordingId, { recorder }] of running) {
        const seconds = recorder.encoderCpuSeconds();
        if (seconds !== undefined) list.push({ recordingId, seconds });
      }
      return list;
    },
    /** Finalises every recording running here (graceful shutdown): they end `complete`. */
    async close(): Promise<void> {
      clearInterval(timer);
      await Promise.all([...running.keys()].map((id) => stop(id, 'the server stopped')));
    },
  };
}
export type BuiltinRecorders = ReturnType<typeof builtinRecorders>;
