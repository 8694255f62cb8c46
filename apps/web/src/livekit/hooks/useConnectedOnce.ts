import { useEffect, useState } from 'react';
import { ConnectionState } from 'livekit-client';
import { useLiveKitRoom } from '../context/room-context.js';

/**
 * True once the room has connected, and from then on (through reconnections). Work that is not
 * on the way to the first picture (reading chat history, the participants list) waits for it,
 * so it does not compete with LiveKit's handshake for the network, the server and the CPU.
 */
export function useConnectedOnce(): boolean {
  const { state } = useLiveKitRoom();
  const [connected, setConnected] = useState(state === ConnectionState.Connected);
  useEffect(() => {
    if (state === ConnectionState.Connected) setConnected(true);
  }, [state]);
  return connected;
}
