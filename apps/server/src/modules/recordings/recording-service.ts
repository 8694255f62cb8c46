import { hostname } from 'node:os';
import type { EgressInfo } from 'livekit-server-sdk';
import type { AppContext, AppHooks } from '../../context.js';
import { egressStateOf } from '../../livekit/egress.js';
import { setRoomRecordingFlag } from '../../livekit/room-metadata.js';
import { sessionRepository } from '../sessions/session-repository.js';
import { builtinRecorders } from './builtin-recorders.js';
import { egressRecordings } from './egress-recordings.js';
import { recordingRecovery } from './recover-recordings.js';
import { recordingRepository } from './recording-repository.js';
import { startRecording } from './start-recording.js';
import { stopRecording } from './stop-recording.js';

/** How long ending a session waits for its recording's file to be finalised. */
const END_WAIT_MS = 15_000;

/**
 * Recording (SPEC §4), wired: the use cases, the two backends, recovery, and the hooks the
 * session lifecycle and the reconcile loop call.
 */
export function recordingService(ctx: AppContext) {
  const repo = recordingRepository(ctx.database.db);
  const sessions = sessionRepository(ctx.database.db, ctx.accessCache);
  const node = `${hostname()}:${ctx.config.port}`;
  const setFlag = async (sessionId: string, recording: boolean) => {
    try {
      await setRoomRecordingFlag(ctx.livekit.roomService, sessionId, recording);
    } catch (err) {
      ctx.logger.warn(
        { err: (err as Error).message, session: sessionId },
        'could not tell the room whether it is recorded',
      );
    }
  };
  const builtin = builtinRecorders(ctx, repo, setFlag);
  const egress = egressRecordings(ctx, repo, setFlag);
  const recovery = recordingRecovery({ ctx, repo, node, builtin, egress, setFlag });
  const deps = { ctx, repo, builtin, egress, sessions, node };

  const hooks: AppHooks = {
    async sessionLive(session) {
      if (!session.isRecorded) return;
      // Going live does not wait for the recorder; a failure is on the recording's row.
      void startRecording(deps, session.sessionId, 'auto').catch((err: Error) =>
        ctx.logger.warn(
          { err: err.message, session: session.sessionId },
          'automatic recording did not start',
        ),
      );
    },
    async sessionEnded(session) {
      const current = await repo.inProgress(session.sessionId);
      if (!current) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        stopRecording(deps, session.sessionId).catch((err: Error) =>
          ctx.logger.warn({ err: err.message, session: session.sessionId }, 'stop failed'),
        ),
        new Promise((resolve) => (timer = setTimeout(resolve, END_WAIT_MS))),
      ]);
      clearTimeout(timer);
    },
    reconcile: () => recovery.reconcile(),
  };

  return {
    repo,
    hooks,
    start: (sessionId: string, startedBy: string) => startRecording(deps, sessionId, startedBy),
    stop: (sessionId: string) => stopRecording(deps, sessionId),
    /** A verified LiveKit webhook about an egress. */
    async applyEgressWebhook(info: EgressInfo): Promise<void> {
      await egress.applyWebhook(egressStateOf(info));
    },
    recoverAtStart: () => recovery.atStart(),
    /** Graceful shutdown: recordings running here are finalised as `complete`. */
    close: () => builtin.close(),
  };
}
export type RecordingService = ReturnType<typeof recordingService>;
