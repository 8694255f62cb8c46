import { useEffect } from 'react';
import { RoomEvent } from 'livekit-client';
import { useLiveKitRoom } from '../context/room-context.js';
import { onRoomEvents } from '../core/room-events.js';
import { useLatest } from './useLatest.js';

/**
 * Calls `onMessage` with every LiveKit data packet on `topic` in the current room. The API is
 * the only sender (clients hold no publish-data grant), but callers still parse payloads as
 * untrusted.
 */
export function useDataTopic(topic: string, onMessage: (payload: Uint8Array) => void): void {
  const { room } = useLiveKitRoom();
  const latest = useLatest(onMessage);
  useEffect(
    () =>
      onRoomEvents(room, [RoomEvent.DataReceived], (payload, _participant, _kind, packetTopic) => {
        if (packetTopic === topic) latest.current(payload);
      }),
    [room, topic, latest],
  );
}
