import { rm } from 'node:fs/promises';
import type { AppContext } from '../../context.js';
import { wrongState } from '../../errors.js';
import { recordAudit } from '../audit/record-audit.js';
import type { AuditBy } from '../audit/record-audit.js';
import { recordingFile } from './recording-files.js';
import type { RecordingRepository, RecordingRow } from './recording-repository.js';

/**
 * Deletes a finished recording: its row first, then its file, so nothing ever points at a
 * missing file (as deleting a session does). One still being made is refused (409): stop it
 * first. A recording Egress put in S3 loses its row only; the object stays in the bucket.
 */
export async function deleteRecording(options: {
  ctx: AppContext;
  repo: RecordingRepository;
  recording: RecordingRow;
  by: AuditBy;
}): Promise<void> {
  const { ctx, repo, recording, by } = options;
  const deleted = await repo.deleteFinished(recording.id);
  if (!deleted) {
    if (!(await repo.findById(recording.id))) return; // deleted meanwhile: the same outcome
    throw wrongState(
      'recording_in_progress',
      'this recording is still being made: stop it first',
      recording.status,
    );
  }
  if (deleted.storage === 'file') {
    await rm(recordingFile(ctx.config.dataDir, deleted.id), { force: true });
  }
  ctx.logger.info({ session: deleted.sessionId, recording: deleted.id }, 'recording deleted');
  await recordAudit({
    db: ctx.database.db,
    action: 'recording_delete',
    by,
    sessionId: deleted.sessionId,
    details: {
      recording_id: deleted.id,
      status: deleted.status,
      size_bytes: deleted.sizeBytes,
      storage: deleted.storage,
    },
  });
}
