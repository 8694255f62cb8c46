import type { Recording } from '@stagecast/contracts';
import type { RecordingRow } from './recording-repository.js';

/** A recording as the API shows it; the download URL only once there is a file to serve. */
export function toRecordingDto(row: RecordingRow, publicUrl: string): Recording {
  const downloadable = row.status === 'complete' && row.storage === 'file';
  return {
    recording_id: row.id,
    session_id: row.sessionId,
    status: row.status,
    backend: row.backend,
    started_at: row.startedAt?.toISOString() ?? null,
    ended_at: row.endedAt?.toISOString() ?? null,
    duration_seconds: row.durationMs === null ? null : Math.round(row.durationMs / 100) / 10,
    size_bytes: row.sizeBytes,
    error: row.error,
    download_url: downloadable ? `${publicUrl}/api/v1/recordings/${row.id}/download` : null,
    created_at: row.createdAt.toISOString(),
  };
}
