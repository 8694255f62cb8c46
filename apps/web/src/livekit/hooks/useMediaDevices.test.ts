// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeMediaDevices } from '../../test-support/fake-media-devices.js';
import { cleanUpAfterEach } from '../../test-support/clean-up.js';
import { useMediaDevices } from './useMediaDevices.js';

let devices: FakeMediaDevices;
let uninstall: () => void;

beforeEach(() => {
  devices = new FakeMediaDevices();
  uninstall = devices.install();
});

cleanUpAfterEach(() => uninstall());

const ids = (list: readonly MediaDeviceInfo[]) => list.map((device) => device.deviceId);

describe('useMediaDevices', () => {
  it('never calls getUserMedia on mount, so nobody is prompted before opening the settings', async () => {
    const { result } = renderHook(() => useMediaDevices());
    await waitFor(() => expect(result.current.permission).toBe('unknown'));
    // let the mount's enumeration settle before checking nothing else happened
    await act(async () => {});
    expect(devices.getUserMediaCalls).toEqual([]);
    // Chromium hides ids before permission; such placeholders cannot be chosen
    expect(result.current.devices.audioinput).toEqual([]);
  });

  it('asks once for camera and microphone, stops the tracks, and lists the named devices', async () => {
    const { result } = renderHook(() => useMediaDevices());
    let outcome: string | undefined;
    await act(async () => {
      outcome = await result.current.requestPermission();
    });

    expect(outcome).toBe('granted');
    expect(devices.getUserMediaCalls).toEqual([{ audio: true, video: true }]);
    expect(devices.issuedTracks.every((track) => track.readyState === 'ended')).toBe(true);
    expect(result.current.permission).toBe('granted');
    expect(ids(result.current.devices.audioinput)).toEqual(['mic-1', 'mic-2']);
    expect(ids(result.current.devices.videoinput)).toEqual(['cam-1']);
    expect(result.current.devices.audiooutput[0]?.label).toBe('Built-in Speakers');
  });

  it('does not prompt again when the device labels show permission was already granted', async () => {
    devices.granted = true;
    const { result } = renderHook(() => useMediaDevices());
    await waitFor(() => expect(result.current.permission).toBe('granted'));
    await act(async () => {
      await result.current.requestPermission();
    });
    expect(devices.getUserMediaCalls).toEqual([]);
  });

  it('shares one prompt between calls made while it is open', async () => {
    const { result } = renderHook(() => useMediaDevices());
    await act(async () => {
      await Promise.all([result.current.requestPermission(), result.current.requestPermission()]);
    });
    expect(devices.getUserMediaCalls).toHaveLength(1);
  });

  it('reports a refusal as denied', async () => {
    devices.failWith = 'NotAllowedError';
    const { result } = renderHook(() => useMediaDevices());
    await act(async () => {
      await result.current.requestPermission();
    });
    expect(result.current.permission).toBe('denied');
  });

  it('still gets the microphone when there is no camera', async () => {
    uninstall();
    devices = new FakeMediaDevices([{ kind: 'audioinput', deviceId: 'mic-1', label: 'Mic' }]);
    uninstall = devices.install();
    const { result } = renderHook(() => useMediaDevices());
    await act(async () => {
      await result.current.requestPermission();
    });
    expect(result.current.permission).toBe('granted');
    expect(devices.getUserMediaCalls).toEqual([
      { audio: true, video: true },
      { audio: true },
      { video: true },
    ]);
    expect(ids(result.current.devices.audioinput)).toEqual(['mic-1']);
  });

  it('lists a device plugged in later', async () => {
    devices.granted = true;
    const { result } = renderHook(() => useMediaDevices());
    await waitFor(() => expect(result.current.devices.audioinput).toHaveLength(2));
    act(() => devices.plug({ kind: 'audioinput', deviceId: 'mic-3', label: 'Podcast Mic' }));
    await waitFor(() => expect(ids(result.current.devices.audioinput)).toContain('mic-3'));
  });

  it('remembers the chosen devices after a remount and forgets one set back to default', () => {
    const first = renderHook(() => useMediaDevices());
    act(() => first.result.current.selectDevice('audioinput', 'mic-2'));
    act(() => first.result.current.selectDevice('videoinput', 'cam-1'));
    act(() => first.result.current.selectDevice('videoinput', ''));
    first.unmount();

    const second = renderHook(() => useMediaDevices());
    expect(second.result.current.selected).toEqual({ audioinput: 'mic-2' });
    expect(JSON.parse(localStorage.getItem('stagecast.devices') ?? '{}')).toEqual({
      audioinput: 'mic-2',
    });
  });

  it('reports media as unavailable where the browser has no mediaDevices (plain http)', async () => {
    uninstall();
    const { result } = renderHook(() => useMediaDevices());
    let outcome: string | undefined;
    await act(async () => {
      outcome = await result.current.requestPermission();
    });
    expect(outcome).toBe('unavailable');
    expect(result.current.permission).toBe('unavailable');
  });
});
