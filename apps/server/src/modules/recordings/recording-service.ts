import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { AppContext, AppHooks } from '../../context.js';
import { recordingBackends } from '../../livekit/index.js';
import type { EgressState } from '../../livekit/index.js';
import type { AuditBy } from '../audit/record-audit.js';
import { sessionRepository } from '../sessions/session-repository.js';
import { builtinRecorders } from './builtin-recorders.js';
import { egressRecordings } from './egress-recordings.js';
import { recordingRecovery } from './recover-recordings.js';
import { recordingFile, recordingsDir } from './recording-files.js';
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
  const repo = recordingRepository(ctx.database.db, ctx.config.publicUrl);
  const sessions = sessionRepository(ctx.database.db, ctx.accessCache);
  const node = `${hostname()}:${ctx.config.port}`;
  const backends = recordingBackends({
    config: ctx.config,
    livekit: ctx.livekit,
    recordingsDir: recordingsDir(ctx.config.dataDir),
  });
  const setFlag = async (sessionId: string, recording: boolean) => {
    try {
      await ctx.livekit.rooms.setRecordingFlag(sessionId, recording);
    } catch (err) {
      ctx.logger.warn(
        { err, session: sessionId },
        'could not tell the room whether it is recorded',
      );
    }
  };
  const builtin = builtinRecorders({ ctx, repo, backend: backends.builtin, setFlag });
  const egress = egressRecordings({ ctx, repo, backend: backends.egress, setFlag });
  const recovery = recordingRecovery({
    ctx,
    repo,
    node,
    builtin,
    egress,
    probeDurationMs: (file) => backends.builtin.probeDurationMs(file),
    setFlag,
  });
  const deps = { ctx, repo, builtin, egress, sessions, node };

  /** Stops the session's recording, if one is running, waiting for it a while at most. */
  const finishRecording = async (sessionId: string) => {
    const current = await repo.inProgress(sessionId);
    if (!current) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      stopRecording({ ...deps, sessionId, by: undefined }).catch((err: unknown) =>
        ctx.logger.warn({ err, session: sessionId }, 'stop failed'),
      ),
      new Promise((resolve) => (timer = setTimeout(resolve, END_WAIT_MS))),
    ]);
    clearTimeout(timer);
  };
  const hooks: AppHooks = {
    async sessionLive(session) {
      if (!session.isRecorded) return;
      // Going live does not wait for the recorder; a failure is on the recording's row.
      void startRecording({
        ...deps,
        sessionId: session.sessionId,
        startedBy: 'auto',
        by: undefined,
      }).catch((err: unknown) =>
        ctx.logger.warn({ err, session: session.sessionId }, 'automatic recording did not start'),
      );
    },
    sessionEnded: (session) => finishRecording(session.sessionId),
    // A deleted session's recordings go with it: rows first, then their files (a file whose
    // row is gone is never served; a row whose file is gone would be a broken download).
    async sessionDeleting(session) {
      await finishRecording(session.sessionId);
      const ids = await repo.deleteBySession(session.sessionId);
      for (const id of ids) await rm(recordingFile(ctx.config.dataDir, id), { force: true });
      if (ids.length > 0)
        ctx.logger.info({ session: session.sessionId, recordings: ids }, 'deleted recordings');
    },
    reconcile: (scope) => recovery.reconcile(scope),
  };

  return {
    repo,
    hooks,
    start: (sessionId: string, startedBy: string, by: AuditBy | undefined) =>
      startRecording({ ...deps, sessionId, startedBy, by }),
    stop: (sessionId: string, by: AuditBy | undefined) => stopRecording({ ...deps, sessionId, by }),
    /** A verified LiveKit webhook about an egress. */
    applyEgressWebhook: (state: EgressState) => egress.applyWebhook(state),
    recoverAtStart: () => recovery.atStart(),
    /** The built-in recorders' encoder CPU time on this instance (for `/metrics`). */
    encoderCpu: () => builtin.encoderCpu(),
    /** Graceful shutdown: recordings running here are finalised as `complete`. */
    close: () => builtin.close(),
  };
}
export type RecordingService = ReturnType<typeof recordingService>;
