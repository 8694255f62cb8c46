import { useEffect } from 'react';
import { ConnectionState } from 'livekit-client';
import { sessionsApi } from '../../api/endpoints.js';
import { useDisconnectOutcome, useLiveKitRoom } from '../../livekit/index.js';
import { useRoomSessionContext } from './room-session-context.js';

/**
 * Reports the current LiveKit connection to the room page's flow: connected, failed to connect
 * (with the API's error when the join was refused) and disconnected (with LiveKit's reason).
 */
export function useConnectionEvents(): void {
  const { state, error } = useLiveKitRoom();
  const { session, inviteToken, connection, report, block } = useRoomSessionContext();
  const sessionId = session.session_id;

  useEffect(() => {
    if (state === ConnectionState.Connected) report({ type: 'connected', connection });
  }, [state, connection, report]);

  useEffect(() => {
    if (error) report({ type: 'connect_failed', connection, error });
  }, [error, connection, report]);

  useDisconnectOutcome((outcome, reason) => {
    const disconnected = () => report({ type: 'disconnected', connection, reason });
    if (outcome !== 'removed') return disconnected();
    // Removal is also how an ending session may reach us first: ask which it was.
    sessionsApi
      .get(sessionId, inviteToken)
      .then((latest) => (latest.status === 'ended' ? block({ kind: 'ended' }) : disconnected()))
      .catch(disconnected);
  });
}
