import type { RoomServiceClient } from 'livekit-server-sdk';

/**
 * Sets `recording` in the room's metadata (a JSON object, `{title}` since the room was created),
 * keeping the other fields. Clients get LiveKit's `RoomMetadataChanged`; late joiners read it on
 * connect. Returns false when the room does not exist (the session ended meanwhile).
 */
export async function setRoomRecordingFlag(
  rooms: RoomServiceClient,
  room: string,
  recording: boolean,
): Promise<boolean> {
  const [info] = await rooms.listRooms([room]);
  if (!info) return false;
  let metadata: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(info.metadata || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      metadata = parsed as Record<string, unknown>;
    }
  } catch {
    // Not ours: replaced by an object that is.
  }
  if (metadata.recording === recording) return true;
  await rooms.updateRoomMetadata(room, JSON.stringify({ ...metadata, recording }));
  return true;
}
