import { ConnectionState, Room, RoomEvent } from 'livekit-client';
import { vi } from 'vitest';

/**
 * A real livekit-client Room whose `connect` and `disconnect` only move its state, as a server
 * would, so providers and hooks run against the real object without a LiveKit server.
 */
export function offlineRoom() {
  const room = new Room();
  const setState = (state: ConnectionState) => {
    room.state = state;
    room.emit(RoomEvent.ConnectionStateChanged, state);
  };
  const connect = vi.spyOn(room, 'connect').mockImplementation(async () => {
    setState(ConnectionState.Connected);
  });
  const disconnect = vi.spyOn(room, 'disconnect').mockImplementation(async () => {
    setState(ConnectionState.Disconnected);
  });
  return { room, connect, disconnect, setState };
}
