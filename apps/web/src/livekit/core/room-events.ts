import { DisconnectReason, RoomEvent, type Room, type RoomEventCallbacks } from 'livekit-client';

/** The room events the app's hooks listen to, by LiveKit's own names. */
export type RoomEventName = keyof RoomEventCallbacks;

/**
 * Calls `listener` on each of `events` in `room`; returns the function that stops it. The one
 * place (with the hooks built on it) where the web app subscribes to room events.
 */
export function onRoomEvents<E extends RoomEventName>(
  room: Room,
  events: readonly E[],
  listener: RoomEventCallbacks[E],
): () => void {
  for (const event of events) room.on(event, listener);
  return () => {
    for (const event of events) room.off(event, listener);
  };
}

/** Events after which the participants list may differ (a rejoin may have missed some). */
export const PARTICIPANT_CHANGE_EVENTS = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.ParticipantAttributesChanged,
  RoomEvent.Reconnected,
] as const;

/** What to do after LiveKit disconnected us, by its reason enum. */
export type DisconnectOutcome = 'ignore' | 'removed' | 'ended' | 'duplicate' | 'rejoin';

export function disconnectOutcome(reason: DisconnectReason | undefined): DisconnectOutcome {
  switch (reason) {
    // We disconnected ourselves: leaving, unmounting, or replacing the connection.
    case DisconnectReason.CLIENT_INITIATED:
      return 'ignore';
    case DisconnectReason.PARTICIPANT_REMOVED:
      return 'removed';
    case DisconnectReason.ROOM_DELETED:
      return 'ended';
    // Rejoining would push the other tab out, which would push us out again.
    case DisconnectReason.DUPLICATE_IDENTITY:
      return 'duplicate';
    default:
      return 'rejoin';
  }
}
