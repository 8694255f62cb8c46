import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { EgressBackend, EgressState } from '../../livekit/index.js';
import { IN_PROGRESS } from './recording-repository.js';
import type { RecordingRepository, RecordingRow } from './recording-repository.js';

/** An egress LiveKit no longer knows, this long after it was asked for, is lost. */
const LOST_AFTER_MS = 2 * 60_000;

/**
 * Recordings made by LiveKit Egress: started and stopped through its API, their progress
 * applied from its webhooks (`egress_started`, `egress_updated`, `egress_ended`) and, for
 * webhooks that never came, from the reconcile loop asking the Egress API.
 */
export function egressRecordings(deps: {
  ctx: AppContext;
  repo: RecordingRepository;
  backend: EgressBackend;
  /** Tells the room whether it is recorded (its metadata). */
  setFlag: (sessionId: string, recording: boolean) => Promise<void>;
}) {
  const { ctx, repo, backend: control, setFlag } = deps;

  async function apply(row: RecordingRow, state: EgressState): Promise<RecordingRow | undefined> {
    const terminal = state.status === 'complete' || state.status === 'failed';
    const from = terminal ? IN_PROGRESS : IN_PROGRESS.filter((s) => s !== 'ending');
    const updated = await repo.transition(row.id, from, {
      status: state.status === 'starting' && row.status !== 'starting' ? row.status : state.status,
      egressId: state.egressId,
      startedAt: state.startedAt ?? row.startedAt,
      endedAt: terminal ? (state.endedAt ?? new Date()) : row.endedAt,
      durationMs: state.durationMs ?? row.durationMs,
      sizeBytes: state.sizeBytes ?? row.sizeBytes,
      location: state.location ?? row.location,
      error: state.status === 'failed' ? (state.error ?? 'egress failed') : (state.error ?? null),
    });
    if (updated && (state.status === 'active' || terminal)) {
      await setFlag(row.sessionId, state.status === 'active');
    }
    return updated;
  }

  return {
    /** Asks Egress for a room composite; a refusal fails the row and answers 503. */
    async start(row: RecordingRow): Promise<RecordingRow> {
      try {
        const { state, storage, location } = await control.start(row.sessionId, row.id);
        await repo.transition(row.id, IN_PROGRESS, { storage, location, egressId: state.egressId });
        return (await apply(row, state)) ?? (await repo.findById(row.id)) ?? row;
      } catch (err) {
        const error = (err as Error).message;
        await repo.transition(row.id, IN_PROGRESS, {
          status: 'failed',
          endedAt: new Date(),
          error,
        });
        throw new AppError(
          'DEPENDENCY_UNAVAILABLE',
          `recording could not start: ${error}`,
          { recording_id: row.id },
          { cause: err, reason: 'egress_unavailable' },
        );
      }
    },

    /** Asks Egress to stop; the file is final once `egress_ended` (or the reconcile loop) says. */
    async stop(row: RecordingRow): Promise<void> {
      if (!row.egressId) {
        await repo.transition(row.id, IN_PROGRESS, {
          status: 'failed',
          endedAt: new Date(),
          error: 'stopped before Egress started',
        });
        return;
      }
      try {
        const state = await control.stop(row.egressId);
        await apply(row, state);
      } catch (err) {
        ctx.logger.warn(
          { err, recording: row.id },
          'egress stop failed: the reconcile loop will settle it',
        );
      }
    },

    /** A verified egress webhook: applied to the recording it belongs to. */
    async applyWebhook(state: EgressState): Promise<void> {
      const row =
        (await repo.findByEgressId(state.egressId)) ??
        (await repo.pendingEgress(state.roomName).catch(() => undefined));
      if (row) await apply(row, state);
    },

    /** Reconcile: what LiveKit says of an egress still in progress here. */
    async check(row: RecordingRow): Promise<void> {
      if (!row.egressId) {
        if (Date.now() - row.createdAt.getTime() > LOST_AFTER_MS) {
          await repo.transition(row.id, IN_PROGRESS, {
            status: 'failed',
            endedAt: new Date(),
            error: 'Egress never started',
          });
        }
        return;
      }
      const state = await control.get(row.egressId);
      if (state) {
        await apply(row, state);
      } else if (Date.now() - row.createdAt.getTime() > LOST_AFTER_MS) {
        await repo.transition(row.id, IN_PROGRESS, {
          status: 'failed',
          endedAt: new Date(),
          error: 'LiveKit no longer knows this egress',
        });
        await setFlag(row.sessionId, false);
      }
    },
  };
}
export type EgressRecordings = ReturnType<typeof egressRecordings>;
