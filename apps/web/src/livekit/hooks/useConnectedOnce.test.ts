// @vitest-environment happy-dom
import { createElement, type ReactNode } from 'react';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { ConnectionState } from 'livekit-client';
import { afterEach, describe, expect, it } from 'vitest';
import { offlineRoom } from '../../test-support/offline-room.js';
import { LiveKitRoomProvider } from '../context/LiveKitRoomProvider.js';
import { useConnectedOnce } from './useConnectedOnce.js';

afterEach(cleanup);

const details = { server_url: 'ws://livekit.test', access_token: 't' };

describe('useConnectedOnce', () => {
  it('is false while connecting, true once connected, and stays true through a reconnection', async () => {
    const { room, connect, setState } = offlineRoom();
    let finish: () => void = () => undefined;
    connect.mockImplementation(
      () =>
        new Promise<void>((resolve) => {
          setState(ConnectionState.Connecting);
          finish = () => {
            setState(ConnectionState.Connected);
            resolve();
          };
        }),
    );
    const { result } = renderHook(() => useConnectedOnce(), {
      wrapper: ({ children }: { children: ReactNode }) =>
        createElement(
          LiveKitRoomProvider,
          { room, fetchConnectionDetails: async () => details },
          children,
        ),
    });
    await waitFor(() => expect(connect).toHaveBeenCalled());
    expect(result.current).toBe(false);

    act(() => finish());
    await waitFor(() => expect(result.current).toBe(true));
    act(() => setState(ConnectionState.Reconnecting));
    expect(result.current).toBe(true);
  });
});
