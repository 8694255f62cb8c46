// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalAudioTrack } from 'livekit-client';
import { FakeAudioContext, FrameQueue } from '../../test-support/fake-audio-context.js';
import { FakeMediaDevices } from '../../test-support/fake-media-devices.js';
import { FakeMediaStreamTrack } from '../../test-support/fake-media-stream-track.js';
import { useVolumeMeter } from './useVolumeMeter.js';

let frames: FrameQueue;

beforeEach(() => {
  frames = new FrameQueue();
  FakeAudioContext.instances.length = 0;
  FakeAudioContext.amplitude = 0;
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal('requestAnimationFrame', frames.request);
  vi.stubGlobal('cancelAnimationFrame', frames.cancel);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const microphone = () => new FakeMediaStreamTrack('audio').asTrack();

describe('useVolumeMeter', () => {
  it('reads 0 and opens no AudioContext without a track', () => {
    const { result } = renderHook(() => useVolumeMeter(undefined));
    expect(result.current).toBe(0);
    expect(FakeAudioContext.instances).toHaveLength(0);
  });

  it('ignores video tracks', () => {
    const camera = new FakeMediaStreamTrack('video').asTrack();
    renderHook(() => useVolumeMeter(camera));
    expect(FakeAudioContext.instances).toHaveLength(0);
  });

  it('reports the level of the signal on each animation frame', () => {
    const track = microphone();
    const { result } = renderHook(() => useVolumeMeter(track));
    expect(FakeAudioContext.instances).toHaveLength(1);
    expect(FakeAudioContext.instances[0]?.sources[0]?.connected).toBe(true);

    FakeAudioContext.amplitude = 1;
    act(() => frames.run());
    expect(result.current).toBe(1);

    // 0.1 is -20 dB: two thirds up a -60..0 dB scale
    FakeAudioContext.amplitude = 0.1;
    act(() => frames.run());
    expect(result.current).toBeCloseTo(2 / 3, 2);

    FakeAudioContext.amplitude = 0;
    act(() => frames.run());
    expect(result.current).toBe(0);
  });

  it('follows a LiveKit track across restartTrack, which swaps the browser track inside', async () => {
    const uninstall = new FakeMediaDevices().install();
    try {
      const first = microphone();
      const track = new LocalAudioTrack(first, undefined, false);
      const { result } = renderHook(() => useVolumeMeter(track));
      FakeAudioContext.amplitudes.set(first, 1);
      act(() => frames.run());
      expect(result.current).toBe(1);

      await act(() => track.restartTrack({ noiseSuppression: false }));
      expect(track.mediaStreamTrack).not.toBe(first);
      FakeAudioContext.amplitudes.set(track.mediaStreamTrack, 0.1);
      act(() => frames.run());

      expect(result.current).toBeCloseTo(2 / 3, 2);
    } finally {
      uninstall();
    }
  });

  it('closes its AudioContext and stops measuring on unmount', () => {
    const track = microphone();
    const { unmount } = renderHook(() => useVolumeMeter(track));
    const context = FakeAudioContext.instances[0];
    expect(frames.size).toBe(1);
    unmount();
    expect(context?.state).toBe('closed');
    expect(context?.sources[0]?.connected).toBe(false);
    expect(frames.size).toBe(0);
  });

  it('moves to a new track with a fresh AudioContext and closes the old one', () => {
    const { rerender } = renderHook(({ track }) => useVolumeMeter(track), {
      initialProps: { track: microphone() },
    });
    rerender({ track: microphone() });
    expect(FakeAudioContext.instances.map((context) => context.state)).toEqual([
      'closed',
      'running',
    ]);
  });
});
