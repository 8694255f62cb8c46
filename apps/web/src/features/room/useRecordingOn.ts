import { useRoomInfo } from '@livekit/components-react';
import { roomMetadataSchema } from '@stagecast/contracts';

/**
 * Whether the session is being recorded now: the server keeps `recording` in the LiveKit room's
 * metadata, which every participant receives live (and late joiners on connect).
 */
export function useRecordingOn(): boolean {
  const { metadata } = useRoomInfo();
  if (!metadata) return false;
  try {
    return roomMetadataSchema.safeParse(JSON.parse(metadata)).data?.recording === true;
  } catch {
    return false;
  }
}
