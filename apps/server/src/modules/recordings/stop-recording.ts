import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { auditSessionAction } from '../audit/record-audit.js';
import type { AuditBy } from '../audit/record-audit.js';
import type { BuiltinRecorders } from './builtin-recorders.js';
import type { EgressRecordings } from './egress-recordings.js';
import type { RecordingRepository, RecordingRow } from './recording-repository.js';

/**
 * Stops the session's recording in progress (409 when there is none). A built-in recorder
 * running here is finalised before this returns (`complete`); one running on another instance
 * sees `ending` at its next heartbeat. Egress reports the end through its webhook.
 */
export async function stopRecording(options: {
  ctx: AppContext;
  repo: RecordingRepository;
  builtin: BuiltinRecorders;
  egress: EgressRecordings;
  sessionId: string;
  /** Who asked, from where (the audit log); undefined when the session's end stops it. */
  by: AuditBy | undefined;
}): Promise<RecordingRow> {
  const { ctx, repo, builtin, egress, sessionId, by } = options;
  const row = await repo.inProgress(sessionId);
  if (!row) {
    throw new AppError('CONFLICT', 'no recording of this session is in progress', undefined, {
      reason: 'recording_not_running',
    });
  }
  const ending =
    (await repo.transition(row.id, ['starting', 'active'], { status: 'ending' })) ?? row;
  if (row.backend === 'builtin') await builtin.stop(row.id);
  else await egress.stop(ending);
  await auditSessionAction(ctx, by, {
    action: 'recording_stop',
    sessionId,
    details: { recording_id: row.id, backend: row.backend },
  });
  return (await repo.findById(row.id)) ?? ending;
}
