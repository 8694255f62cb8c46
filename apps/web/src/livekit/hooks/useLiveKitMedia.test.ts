// @vitest-environment happy-dom
import { createElement, type ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { Track, type Room } from 'livekit-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaDevices } from '../../test-support/fake-media-devices.js';
import { addLocalTrack } from '../../test-support/local-tracks.js';
import { offlineRoom } from '../../test-support/offline-room.js';
import { LiveKitRoomProvider } from '../context/LiveKitRoomProvider.js';
import { cleanUpAfterEach } from '../../test-support/clean-up.js';
import { useAudioSettings } from './useAudioSettings.js';
import { useLiveKitMedia } from './useLiveKitMedia.js';
import { useSelectedDevices } from './useSelectedDevices.js';
import { useVideoSettings } from './useVideoSettings.js';

let uninstall: () => void;

beforeEach(() => {
  // livekit-client captures again through navigator.mediaDevices when a camera is unmuted
  uninstall = new FakeMediaDevices().install();
});

cleanUpAfterEach(() => uninstall());

/** Renders the media hook next to the settings hooks, inside a provider with an offline room. */
function renderMedia(room: Room) {
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(LiveKitRoomProvider, {
      room,
      fetchConnectionDetails: async () => ({ server_url: 'ws://livekit.test', access_token: 't' }),
      children,
    });
  return renderHook(
    () => ({
      media: useLiveKitMedia(),
      audio: useAudioSettings(),
      video: useVideoSettings(),
      devices: useSelectedDevices(),
    }),
    { wrapper },
  );
}

/** Publishes a local track of `source` in the room (see `addLocalTrack`), inside `act`. */
function publish<S extends Track.Source.Microphone | Track.Source.Camera>(room: Room, source: S) {
  let track: ReturnType<typeof addLocalTrack<S>> | undefined;
  act(() => {
    track = addLocalTrack(room, source);
  });
  return track!;
}
const publishMicrophone = (room: Room) => publish(room, Track.Source.Microphone);
const publishCamera = (room: Room) => publish(room, Track.Source.Camera);

/** The media hook in an offline room, once it shows a live `source` track; restarts recorded. */
async function withLiveTrack(source: Track.Source.Microphone | Track.Source.Camera) {
  const { room } = offlineRoom();
  const { result } = renderMedia(room);
  const track = publish(room, source);
  const restart = vi.spyOn(track, 'restartTrack').mockResolvedValue(undefined);
  const shown = source === Track.Source.Microphone ? 'microphoneTrack' : 'cameraTrack';
  await waitFor(() => expect(result.current.media[shown]).toBe(track));
  return { result, restart };
}

describe('useLiveKitMedia', () => {
  it.each([
    [
      'the microphone with the stored audio settings and the chosen microphone',
      {
        stored: { audio: { noiseSuppression: false }, devices: { audioinput: 'mic-2' } },
        method: 'setMicrophoneEnabled',
        toggle: 'toggleMicrophone',
        options: {
          noiseSuppression: false,
          echoCancellation: true,
          autoGainControl: true,
          voiceIsolation: false,
          deviceId: 'mic-2',
        },
      },
    ],
    [
      'the camera at the chosen preset resolution',
      {
        stored: { 'video.preset': '1080p' },
        method: 'setCameraEnabled',
        toggle: 'toggleCamera',
        options: {
          resolution: expect.objectContaining({ width: 1920, height: 1080 }) as unknown,
        },
      },
    ],
  ] as const)('publishes %s', async (_what, { stored, method, toggle, options }) => {
    for (const [key, value] of Object.entries(stored)) {
      localStorage.setItem(`stagecast.${key}`, JSON.stringify(value));
    }
    const { room } = offlineRoom();
    const publish = vi.spyOn(room.localParticipant, method).mockResolvedValue(undefined);
    const { result } = renderMedia(room);

    await act(() => result.current.media[toggle]());

    expect(publish).toHaveBeenCalledWith(true, options);
  });

  it('shows a published microphone as enabled and hands out its track', async () => {
    const { room } = offlineRoom();
    const { result } = renderMedia(room);
    expect(result.current.media.isMicrophoneEnabled).toBe(false);

    const track = publishMicrophone(room);

    await waitFor(() => expect(result.current.media.isMicrophoneEnabled).toBe(true));
    expect(result.current.media.microphoneTrack).toBe(track);
  });

  it('restarts the live microphone with new audio settings instead of rejoining', async () => {
    const { result, restart } = await withLiveTrack(Track.Source.Microphone);
    expect(restart).not.toHaveBeenCalled();

    act(() => result.current.audio.setNoiseSuppression(false));

    await waitFor(() => expect(restart).toHaveBeenCalledTimes(1));
    // naming the device in use, or livekit-client would restart on the default one
    expect(restart).toHaveBeenCalledWith({
      noiseSuppression: false,
      echoCancellation: true,
      autoGainControl: true,
      voiceIsolation: false,
      deviceId: 'default',
    });
  });

  it('restarts the live camera at a new preset resolution', async () => {
    const { result, restart } = await withLiveTrack(Track.Source.Camera);

    act(() => result.current.video.setPreset('480p'));

    await waitFor(() =>
      expect(restart).toHaveBeenCalledWith(
        expect.objectContaining({
          resolution: expect.objectContaining({ width: 640, height: 480 }),
        }),
      ),
    );
  });

  it('leaves a muted camera off and applies a new preset when it is turned back on', async () => {
    const { room } = offlineRoom();
    const { result } = renderMedia(room);
    const track = publishCamera(room);
    await waitFor(() => expect(result.current.media.isCameraEnabled).toBe(true));
    await act(() => track.mute());
    await waitFor(() => expect(result.current.media.isCameraEnabled).toBe(false));
    const restart = vi.spyOn(track, 'restartTrack');

    act(() => result.current.video.setPreset('1080p'));
    await act(async () => {});
    expect(restart).not.toHaveBeenCalled();

    await act(() => track.unmute());

    await waitFor(() =>
      expect(restart).toHaveBeenLastCalledWith(
        expect.objectContaining({ resolution: expect.objectContaining({ width: 1920 }) }),
      ),
    );
  });

  it('moves live tracks to a newly chosen microphone through the room', async () => {
    const { room } = offlineRoom();
    const switchDevice = vi.spyOn(room, 'switchActiveDevice').mockResolvedValue(true);
    const { result } = renderMedia(room);
    expect(switchDevice).not.toHaveBeenCalled();

    act(() => result.current.devices.selectDevice('audioinput', 'mic-2'));

    await waitFor(() => expect(switchDevice).toHaveBeenCalledWith('audioinput', 'mic-2'));
  });

  it('switches to the speaker stored in this browser when it mounts', async () => {
    localStorage.setItem('stagecast.devices', JSON.stringify({ audiooutput: 'spk-1' }));
    const { room } = offlineRoom();
    const switchDevice = vi.spyOn(room, 'switchActiveDevice').mockResolvedValue(true);
    renderMedia(room);
    await waitFor(() => expect(switchDevice).toHaveBeenCalledWith('audiooutput', 'spk-1'));
  });

  it('reports a refused microphone as an error with its reason, without rejecting', async () => {
    const { room } = offlineRoom();
    vi.spyOn(room.localParticipant, 'setMicrophoneEnabled').mockRejectedValue(
      new DOMException('Permission denied', 'NotAllowedError'),
    );
    const { result } = renderMedia(room);

    await act(() => result.current.media.toggleMicrophone());

    expect(result.current.media.error).toMatchObject({
      source: 'microphone',
      reason: 'permission_denied',
    });
    expect(result.current.media.pending.microphone).toBe(false);
  });
});
