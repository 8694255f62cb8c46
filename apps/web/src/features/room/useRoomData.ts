import { useEffect, useRef } from 'react';
import { RoomEvent } from 'livekit-client';
import { useLiveKitRoom } from '../../livekit/index.js';

/**
 * Calls `onPayload` with every LiveKit data packet on `topic` in the current room. The API is
 * the only sender (clients hold no publish-data grant), but payloads are still parsed as
 * untrusted by the callers.
 */
export function useRoomData(topic: string, onPayload: (payload: Uint8Array) => void): void {
  const { room } = useLiveKitRoom();
  const latest = useRef(onPayload);
  useEffect(() => {
    latest.current = onPayload;
  });

  useEffect(() => {
    const listener = (
      payload: Uint8Array,
      _participant: unknown,
      _kind: unknown,
      packetTopic?: string,
    ) => {
      if (packetTopic === topic) latest.current(payload);
    };
    room.on(RoomEvent.DataReceived, listener);
    return () => {
      room.off(RoomEvent.DataReceived, listener);
    };
  }, [room, topic]);
}
