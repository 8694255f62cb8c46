// @vitest-environment happy-dom
import { createElement, type ReactNode } from 'react';
import { useMaybeRoomContext } from '@livekit/components-react';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { ConnectionState, Room } from 'livekit-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { offlineRoom } from '../../test-support/offline-room.js';
import type { ConnectionDetails } from '../core/room-connection.js';
import { LiveKitRoomProvider } from './LiveKitRoomProvider.js';
import { useLiveKitRoom } from './room-context.js';

afterEach(cleanup);

const details: ConnectionDetails = { server_url: 'ws://livekit.test', access_token: 'token-1' };

function providerWith(props: {
  room?: Room;
  fetchConnectionDetails: () => Promise<ConnectionDetails>;
}) {
  return ({ children }: { children: ReactNode }) =>
    createElement(LiveKitRoomProvider, props, children);
}

describe('LiveKitRoomProvider', () => {
  it('connects the room with the server URL and token fetched from our API', async () => {
    const { room, connect } = offlineRoom();
    const fetchConnectionDetails = vi.fn(async () => details);
    const { result } = renderHook(() => useLiveKitRoom(), {
      wrapper: providerWith({ room, fetchConnectionDetails }),
    });

    await waitFor(() => expect(result.current.state).toBe(ConnectionState.Connected));
    expect(fetchConnectionDetails).toHaveBeenCalledTimes(1);
    expect(connect).toHaveBeenCalledWith('ws://livekit.test', 'token-1');
    expect(result.current.room).toBe(room);
    expect(result.current.error).toBeUndefined();
  });

  it('says it is reconnecting while LiveKit restores the connection', async () => {
    const { room, setState } = offlineRoom();
    const { result } = renderHook(() => useLiveKitRoom(), {
      wrapper: providerWith({ room, fetchConnectionDetails: async () => details }),
    });
    await waitFor(() => expect(result.current.state).toBe(ConnectionState.Connected));

    act(() => setState(ConnectionState.SignalReconnecting));
    expect(result.current.reconnecting).toBe(true);
    act(() => setState(ConnectionState.Connected));
    expect(result.current.reconnecting).toBe(false);
  });

  it('reports a failed token request with its code and does not connect', async () => {
    const { room, connect } = offlineRoom();
    const refused = new Error('403 banned');
    const { result } = renderHook(() => useLiveKitRoom(), {
      wrapper: providerWith({
        room,
        fetchConnectionDetails: async () => {
          throw refused;
        },
      }),
    });

    await waitFor(() => expect(result.current.error?.code).toBe('connection_details'));
    expect(result.current.error?.cause).toBe(refused);
    expect(connect).not.toHaveBeenCalled();
    expect(result.current.state).toBe(ConnectionState.Disconnected);
  });

  it('reports a failed LiveKit connection with its code', async () => {
    const { room, connect } = offlineRoom();
    connect.mockRejectedValueOnce(new Error('could not establish signal connection'));
    const { result } = renderHook(() => useLiveKitRoom(), {
      wrapper: providerWith({ room, fetchConnectionDetails: async () => details }),
    });
    await waitFor(() => expect(result.current.error?.code).toBe('connect'));
  });

  it('disconnects the room on unmount', async () => {
    const { room, disconnect } = offlineRoom();
    const { result, unmount } = renderHook(() => useLiveKitRoom(), {
      wrapper: providerWith({ room, fetchConnectionDetails: async () => details }),
    });
    await waitFor(() => expect(result.current.state).toBe(ConnectionState.Connected));
    unmount();
    expect(disconnect).toHaveBeenCalled();
    expect(room.state).toBe(ConnectionState.Disconnected);
  });

  it('does not connect when unmounted before the token arrives', async () => {
    const { room, connect } = offlineRoom();
    let deliver: (value: ConnectionDetails) => void = () => {};
    const pending = new Promise<ConnectionDetails>((resolve) => (deliver = resolve));
    const { unmount } = renderHook(() => useLiveKitRoom(), {
      wrapper: providerWith({ room, fetchConnectionDetails: () => pending }),
    });
    unmount();
    await act(async () => deliver(details));
    expect(connect).not.toHaveBeenCalled();
  });

  it('provides the room to @livekit/components-react hooks as well', () => {
    const { room } = offlineRoom();
    const { result } = renderHook(() => useMaybeRoomContext(), {
      wrapper: providerWith({ room, fetchConnectionDetails: async () => details }),
    });
    expect(result.current).toBe(room);
  });

  it('creates a room with adaptive stream and dynacast when none is given', () => {
    const { result } = renderHook(() => useLiveKitRoom(), {
      // never resolves: this test only looks at the room the provider made
      wrapper: providerWith({ fetchConnectionDetails: () => new Promise(() => {}) }),
    });
    expect(result.current.room).toBeInstanceOf(Room);
    expect(result.current.room.options).toMatchObject({ adaptiveStream: true, dynacast: true });
  });
});

describe('useLiveKitRoom', () => {
  it('throws a clear error outside a LiveKitRoomProvider', () => {
    // React logs the error it rethrows; keep the output clean
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useLiveKitRoom())).toThrow(/inside <LiveKitRoomProvider>/);
    quiet.mockRestore();
  });
});
