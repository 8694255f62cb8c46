import { rm, stat } from 'node:fs/promises';
import type { AppContext } from '../../context.js';
import type { BuiltinRecorders } from './builtin-recorders.js';
import type { EgressRecordings } from './egress-recordings.js';
import { recordingFile } from './recording-files.js';
import { IN_PROGRESS } from './recording-repository.js';
import type { RecordingRepository, RecordingRow } from './recording-repository.js';

/** A built-in recorder whose heartbeat is this old has stopped (its server died). */
const STALE_MS = 30_000;
/** Nothing still `starting` after this long will start. */
const START_DEADLINE_MS = 60_000;

/**
 * Settles recordings whose recorder is gone, so none stays in progress forever.
 *
 * A built-in recording whose app instance died: ffmpeg saw its input end and closed the file
 * properly, so when the file opens as H.264 it is kept as `complete`, its `error` noting why it
 * ends early; otherwise the recording is `failed` (the unplayable remains are deleted). At start
 * this instance settles the recordings it ran before ("server restarted"); the reconcile loop
 * settles those of any instance whose heartbeat stopped, and asks Egress about its recordings.
 */
export function recordingRecovery(deps: {
  ctx: AppContext;
  repo: RecordingRepository;
  node: string;
  builtin: BuiltinRecorders;
  egress: EgressRecordings;
  /** The length of a finished file, or undefined when it does not play. */
  probeDurationMs: (file: string) => Promise<number | undefined>;
  setFlag: (sessionId: string, recording: boolean) => Promise<void>;
}) {
  const { ctx, repo, node, builtin, egress, probeDurationMs, setFlag } = deps;

  async function settleOrphan(row: RecordingRow, reason: string): Promise<void> {
    const file = recordingFile(ctx.config.dataDir, row.id);
    const size = await stat(file).then(
      (s) => s.size,
      () => 0,
    );
    const durationMs = size > 0 ? await probeDurationMs(file) : undefined;
    const endedAt = new Date();
    if (durationMs !== undefined) {
      await repo.transition(row.id, IN_PROGRESS, {
        status: 'complete',
        endedAt,
        durationMs,
        sizeBytes: size,
        error: `${reason}: the recording ends there`,
      });
    } else {
      await rm(file, { force: true });
      await repo.transition(row.id, IN_PROGRESS, { status: 'failed', endedAt, error: reason });
    }
    ctx.logger.info(
      { recording: row.id, playable: durationMs !== undefined, reason },
      'settled a recording whose recorder is gone',
    );
    await setFlag(row.sessionId, false);
  }

  return {
    /** At start: what this instance was recording when it stopped. */
    async atStart(): Promise<void> {
      for (const row of await repo.allInProgress()) {
        if (row.backend === 'builtin' && row.node === node && !builtin.isRunning(row.id)) {
          await settleOrphan(row, 'server restarted');
        }
      }
    },

    /**
     * One pass of the reconcile loop: every recording in progress (`all`), or only those of this
     * instance (`own`: another instance runs the passes, but only this one has their files).
     */
    async reconcile(scope: 'all' | 'own'): Promise<void> {
      const now = Date.now();
      for (const row of await repo.allInProgress()) {
        if (scope === 'own' && (row.backend !== 'builtin' || row.node !== node)) continue;
        try {
          if (row.backend === 'egress') {
            await egress.check(row);
            continue;
          }
          if (builtin.isRunning(row.id)) continue;
          const age = now - row.createdAt.getTime();
          const beat = row.heartbeatAt ? now - row.heartbeatAt.getTime() : age;
          if (row.node === node && age > START_DEADLINE_MS) {
            await settleOrphan(row, 'the recorder stopped');
          } else if (row.status === 'starting' && age > 2 * START_DEADLINE_MS) {
            await settleOrphan(row, 'the recorder did not start in time');
          } else if (beat > STALE_MS && age > START_DEADLINE_MS) {
            await settleOrphan(row, 'the server running the recorder stopped responding');
          }
        } catch (err) {
          ctx.logger.warn({ err, recording: row.id }, 'reconcile of a recording failed');
        }
      }
    },
  };
}
