import { z } from 'zod';

/**
 * Recordings of live sessions (SPEC §4). A recording is `starting` until its recorder (the
 * built-in one or LiveKit Egress) writes, `active` while it does, `ending` while the file is
 * finalised, then `complete` (a playable file) or `failed` (with `error`). Never stuck: the
 * server fails what cannot make progress.
 */
export const recordingStatusSchema = z.enum(['starting', 'active', 'ending', 'complete', 'failed']);
export type RecordingStatus = z.infer<typeof recordingStatusSchema>;

/** `builtin`: the server's own hidden recorder and ffmpeg; `egress`: LiveKit Egress. */
export const recordingBackendSchema = z.enum(['builtin', 'egress']);
export type RecordingBackend = z.infer<typeof recordingBackendSchema>;

export const recordingSchema = z.object({
  recording_id: z.string(),
  session_id: z.string(),
  status: recordingStatusSchema,
  backend: recordingBackendSchema,
  /** When the first frame was written; null while `starting`. */
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  duration_seconds: z.number().nullable(),
  size_bytes: z.number().nullable(),
  /** Why it failed, or a note on a complete one (a recording cut short by a restart). */
  error: z.string().nullable(),
  /** Authenticated download (HTTP Range supported); null until the file is complete. */
  download_url: z.string().nullable(),
  created_at: z.string(),
});
export type Recording = z.infer<typeof recordingSchema>;

export const recordingsResponseSchema = z.object({ recordings: z.array(recordingSchema) });
export const recordingResponseSchema = z.object({ recording: recordingSchema });

export const recordingIdParamsSchema = z.object({
  recording_id: z.uuid({ message: 'must be a recording id' }),
});

/**
 * Everyone in the room learns that recording is on from the LiveKit room metadata, a JSON object
 * whose `recording` field is true while a recording of the session is `active` (clients get
 * LiveKit's `RoomMetadataChanged` event; late joiners read `room.metadata`).
 */
export const roomMetadataSchema = z.object({
  title: z.string().optional(),
  recording: z.boolean().optional(),
});
export type RoomMetadata = z.infer<typeof roomMetadataSchema>;
