import { createContext, useContext } from 'react';
import type { ConnectionState, Room } from 'livekit-client';
import type { RoomConnectionError } from '../core/room-connection.js';

/** What {@link useLiveKitRoom} returns. */
export interface LiveKitRoomContextValue {
  room: Room;
  state: ConnectionState;
  /** Why joining failed, if it did; `code` says at which step. */
  error: RoomConnectionError | undefined;
  /** True while LiveKit restores a dropped connection: show a banner, keep the room. */
  reconnecting: boolean;
}

export const LiveKitRoomContext = createContext<LiveKitRoomContextValue | undefined>(undefined);

/**
 * The room of the nearest {@link LiveKitRoomProvider}, with its connection state.
 *
 * @throws Error when called outside a `LiveKitRoomProvider`
 */
export function useLiveKitRoom(): LiveKitRoomContextValue {
  const value = useContext(LiveKitRoomContext);
  if (!value) {
    throw new Error(
      'useLiveKitRoom must be used inside <LiveKitRoomProvider>: wrap the room page in it.',
    );
  }
  return value;
}
