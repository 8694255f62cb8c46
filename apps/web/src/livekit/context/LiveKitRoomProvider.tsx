import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { RoomContext } from '@livekit/components-react';
import type { ConnectionState, Room, RoomOptions } from 'livekit-client';
import {
  connectRoom,
  createRoom,
  isReconnecting,
  observeConnectionState,
  RoomConnectionError,
  type ConnectionDetails,
} from '../core/room-connection.js';
import { LiveKitRoomContext, type LiveKitRoomContextValue } from './room-context.js';

export interface LiveKitRoomProviderProps {
  /** Gets a server URL and access token from our API (the session's join endpoint). */
  fetchConnectionDetails: () => Promise<ConnectionDetails>;
  /**
   * A room to use instead of a new one (tests, or one from `connectEarly`: connecting still,
   * or connected already). The provider connects and disconnects it either way; connecting a
   * connected room does nothing, and one whose early connect failed is tried once more.
   */
  room?: Room;
  /** Extra options for the room the provider creates; adaptive stream and dynacast are on. */
  options?: RoomOptions;
  children?: ReactNode;
}

/**
 * Creates a LiveKit room, connects it with details from our API, and disconnects it on unmount.
 *
 * Children read it with {@link useLiveKitRoom}; `@livekit/components-react` hooks and prefabs
 * work inside too, as its `RoomContext` is provided as well. The connection is made once per
 * mount: `fetchConnectionDetails` may change between renders without reconnecting; to join
 * another room, give the provider another `key`.
 */
export function LiveKitRoomProvider({
  fetchConnectionDetails,
  room: givenRoom,
  options,
  children,
}: LiveKitRoomProviderProps) {
  const [room] = useState(() => givenRoom ?? createRoom(options));
  const [state, setState] = useState<ConnectionState>(room.state);
  const [error, setError] = useState<RoomConnectionError | undefined>(undefined);
  // The latest callback, read when connecting, so a new function each render does not reconnect.
  const fetchDetails = useRef(fetchConnectionDetails);
  useLayoutEffect(() => {
    fetchDetails.current = fetchConnectionDetails;
  });

  useEffect(() => observeConnectionState(room, setState), [room]);

  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    connectRoom(room, () => fetchDetails.current(), controller.signal).catch((cause: unknown) => {
      if (controller.signal.aborted) return;
      setError(
        cause instanceof RoomConnectionError ? cause : new RoomConnectionError('connect', cause),
      );
    });
    return () => {
      controller.abort();
      void room.disconnect();
    };
  }, [room]);

  const value = useMemo<LiveKitRoomContextValue>(
    () => ({ room, state, error, reconnecting: isReconnecting(state) }),
    [room, state, error],
  );

  return (
    <RoomContext.Provider value={room}>
      <LiveKitRoomContext.Provider value={value}>{children}</LiveKitRoomContext.Provider>
    </RoomContext.Provider>
  );
}
