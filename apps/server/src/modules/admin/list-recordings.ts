import type { AdminRecording } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { toRecordingDto } from '../recordings/recording-dto.js';
import { recordingRepository } from '../recordings/recording-repository.js';

/** One page of every session's recordings, newest first, and what they weigh together. */
export async function listRecordings(options: {
  db: Db;
  publicUrl: string;
  page: number;
  pageSize: number;
}): Promise<{
  recordings: AdminRecording[];
  total: number;
  total_bytes: number;
  page: number;
  page_size: number;
}> {
  const { rows, total, totalBytes } = await recordingRepository(options.db, options.publicUrl).page(
    {
      page: options.page,
      pageSize: options.pageSize,
    },
  );
  return {
    recordings: rows.map((row) => ({
      ...toRecordingDto(row.recording, options.publicUrl),
      session_title: row.sessionTitle,
      owner: { id: row.ownerId, username: row.ownerName },
    })),
    total,
    total_bytes: totalBytes,
    page: options.page,
    page_size: options.pageSize,
  };
}
