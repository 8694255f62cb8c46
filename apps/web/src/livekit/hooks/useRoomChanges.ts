import { useEffect } from 'react';
import { RoomEvent } from 'livekit-client';
import { useLiveKitRoom } from '../context/room-context.js';
import { onRoomEvents, PARTICIPANT_CHANGE_EVENTS } from '../core/room-events.js';
import { useLatest } from './useLatest.js';

/**
 * Calls `onReconnected` each time LiveKit restored a dropped connection (what was sent
 * meanwhile may have been missed: read it again). Only while `enabled`.
 */
export function useReconnected(onReconnected: () => void, enabled = true): void {
  const { room } = useLiveKitRoom();
  const latest = useLatest(onReconnected);
  useEffect(() => {
    if (!enabled) return;
    return onRoomEvents(room, [RoomEvent.Reconnected], () => latest.current());
  }, [room, enabled, latest]);
}

/**
 * Calls `onChange` when someone joins or leaves, a participant's attributes (their role)
 * change, or a reconnect may have missed any of these. Only while `enabled`.
 */
export function useParticipantChanges(onChange: () => void, enabled = true): void {
  const { room } = useLiveKitRoom();
  const latest = useLatest(onChange);
  useEffect(() => {
    if (!enabled) return;
    return onRoomEvents(room, PARTICIPANT_CHANGE_EVENTS, () => latest.current());
  }, [room, enabled, latest]);
}
