import { useEffect } from 'react';
import { RoomEvent, type DisconnectReason } from 'livekit-client';
import { useLiveKitRoom } from '../context/room-context.js';
import { disconnectOutcome, onRoomEvents, type DisconnectOutcome } from '../core/room-events.js';
import { useLatest } from './useLatest.js';

/**
 * Calls `onDisconnected` when the current room disconnects, with what to do about it (never
 * rejoin after a kick, a closed room or another tab taking over) and LiveKit's reason.
 */
export function useDisconnectOutcome(
  onDisconnected: (outcome: DisconnectOutcome, reason: DisconnectReason | undefined) => void,
): void {
  const { room } = useLiveKitRoom();
  const latest = useLatest(onDisconnected);
  useEffect(
    () =>
      onRoomEvents(room, [RoomEvent.Disconnected], (reason) =>
        latest.current(disconnectOutcome(reason), reason),
      ),
    [room, latest],
  );
}
