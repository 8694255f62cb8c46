import { join } from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `DATA_DIR/recordings`: where built-in recordings (and Egress, sharing it) write. */
export function recordingsDir(dataDir: string): string {
  return join(dataDir, 'recordings');
}

/**
 * The file of a recording, made from its server-generated id alone: no name or path a user
 * typed ever reaches the disk.
 */
export function recordingFile(dataDir: string, recordingId: string): string {
  if (!UUID.test(recordingId)) throw new Error('a recording id is a UUID');
  return join(recordingsDir(dataDir), `${recordingId.toLowerCase()}.mp4`);
}
