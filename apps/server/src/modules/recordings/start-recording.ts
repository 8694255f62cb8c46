import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { AppError, wrongState } from '../../errors.js';
import { auditSessionAction } from '../audit/record-audit.js';
import type { AuditBy } from '../audit/record-audit.js';
import type { SessionRepository } from '../sessions/session-repository.js';
import type { BuiltinRecorders } from './builtin-recorders.js';
import type { EgressRecordings } from './egress-recordings.js';
import type { RecordingRepository, RecordingRow } from './recording-repository.js';

export interface StartRecordingDeps {
  ctx: AppContext;
  repo: RecordingRepository;
  builtin: BuiltinRecorders;
  egress: EgressRecordings;
  sessions: SessionRepository;
  /** This app instance, as recorded on the built-in recordings it runs. */
  node: string;
}

/**
 * Starts recording a live session with the configured backend. At most one recording per
 * session is in progress (a second start is a 409, decided by the database, so two instances
 * cannot both start one); a recorder that cannot start leaves the row `failed` and answers 503.
 */
export async function startRecording(
  options: StartRecordingDeps & {
    sessionId: string;
    /** `user:<id>`-style identity of who asked, or `auto`. */
    startedBy: string;
    /** Who asked, from where (the audit log); undefined for the automatic start. */
    by: AuditBy | undefined;
  },
): Promise<RecordingRow> {
  const { ctx, repo, builtin, egress, sessionId, startedBy, by } = options;
  // Read now, not from a cached access check: it may have gone live a moment ago.
  const session = await options.sessions.findById(sessionId);
  if (!session) throw new AppError('NOT_FOUND', 'no such session');
  if (session.status !== 'live') {
    throw wrongState('not_live', 'only a live session can be recorded', session.status);
  }
  const backend = ctx.config.recording.backend;
  const current = await repo.inProgress(session.sessionId);
  if (current) throw alreadyRecording(current);
  if (backend === 'builtin' && builtin.count >= ctx.config.recording.maxActive) {
    throw new AppError(
      'DEPENDENCY_UNAVAILABLE',
      `this server already runs ${builtin.count} recordings (RECORDING_MAX_ACTIVE): try again later`,
      undefined,
      { reason: 'recorder_unavailable' },
    );
  }
  const id = randomUUID();
  const row = await repo.insert({
    id,
    sessionId: session.sessionId,
    status: 'starting',
    backend,
    startedBy,
    node: backend === 'builtin' ? options.node : null,
    storage: 'file',
    location: `recordings/${id}.mp4`,
  });
  if (!row) {
    const other = await repo.inProgress(session.sessionId);
    throw alreadyRecording(other);
  }
  ctx.logger.info({ recording: id, session: session.sessionId, backend }, 'recording starting');
  const started = await (backend === 'builtin' ? builtin.run(row) : egress.start(row));
  await auditSessionAction(ctx, by, {
    action: 'recording_start',
    sessionId: session.sessionId,
    details: { recording_id: id, backend },
  });
  return started;
}

function alreadyRecording(row: RecordingRow | undefined): AppError {
  return new AppError(
    'CONFLICT',
    'this session is already being recorded',
    { recording_id: row?.id, status: row?.status },
    { reason: 'recording_in_progress' },
  );
}
