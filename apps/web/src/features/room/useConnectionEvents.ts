import { useEffect, useRef } from 'react';
import { ConnectionState, DisconnectReason, RoomEvent } from 'livekit-client';
import { sessionsApi } from '../../api/endpoints.js';
import { useLiveKitRoom } from '../../livekit/index.js';
import type { RoomPageEvent } from './room-state.js';

export interface UseConnectionEventsOptions {
  sessionId: string;
  inviteToken: string | undefined;
  /** The provider's key: events are tagged with it, so stale ones are ignored. */
  connection: number;
  dispatch: (event: RoomPageEvent) => void;
}

/**
 * Reports the current LiveKit connection to the room page: connected, failed to connect (with
 * the API's error when the join was refused) and disconnected (with LiveKit's reason).
 */
export function useConnectionEvents({
  sessionId,
  inviteToken,
  connection,
  dispatch,
}: UseConnectionEventsOptions): void {
  const { room, state, error } = useLiveKitRoom();
  const latest = useRef({ sessionId, inviteToken, connection, dispatch });
  useEffect(() => {
    latest.current = { sessionId, inviteToken, connection, dispatch };
  });

  useEffect(() => {
    if (state === ConnectionState.Connected) dispatch({ type: 'connected', connection });
  }, [state, connection, dispatch]);

  useEffect(() => {
    if (error) dispatch({ type: 'connect_failed', connection, error });
  }, [error, connection, dispatch]);

  useEffect(() => {
    const onDisconnected = (reason?: DisconnectReason) => {
      const current = latest.current;
      const report = () =>
        current.dispatch({ type: 'disconnected', connection: current.connection, reason });
      if (reason !== DisconnectReason.PARTICIPANT_REMOVED) return report();
      // Removal is also how an ending session may reach us first: ask which it was.
      sessionsApi
        .get(current.sessionId, current.inviteToken)
        .then((session) => {
          if (session.status === 'ended')
            current.dispatch({ type: 'blocked', screen: { kind: 'ended' } });
          else report();
        })
        .catch(report);
    };
    room.on(RoomEvent.Disconnected, onDisconnected);
    return () => {
      room.off(RoomEvent.Disconnected, onDisconnected);
    };
  }, [room]);
}
