import { useCallback, useState } from 'react';
import { useLocalParticipant } from '@livekit/components-react';
import { LocalAudioTrack, LocalVideoTrack } from 'livekit-client';
import { useLiveKitRoom } from '../context/room-context.js';
import { MediaControlError, type MediaErrorSource } from '../core/media-error.js';
import { useApplySelectedDevices } from './useApplySelectedDevices.js';
import { useAudioSettings } from './useAudioSettings.js';
import { CAMERA, MICROPHONE, useCaptureSource } from './useCaptureSource.js';
import { useSelectedDevices } from './useSelectedDevices.js';
import { useVideoSettings } from './useVideoSettings.js';

type PublishSource = 'microphone' | 'camera' | 'screen_share';

export interface UseLiveKitMediaResult {
  isMicrophoneEnabled: boolean;
  isCameraEnabled: boolean;
  isScreenShareEnabled: boolean;
  /** Sources with an action under way, to disable their buttons meanwhile. */
  pending: Readonly<Partial<Record<PublishSource, boolean>>>;
  /** The last failure, with `source` and `reason` to explain it; cleared by the next action. */
  error: MediaControlError | undefined;
  setMicrophoneEnabled: (enabled: boolean) => Promise<void>;
  setCameraEnabled: (enabled: boolean) => Promise<void>;
  setScreenShareEnabled: (enabled: boolean) => Promise<void>;
  toggleMicrophone: () => Promise<void>;
  toggleCamera: () => Promise<void>;
  toggleScreenShare: () => Promise<void>;
  /** The published microphone, e.g. for a volume meter. */
  microphoneTrack: LocalAudioTrack | undefined;
  /** The published camera, e.g. for a self view. */
  cameraTrack: LocalVideoTrack | undefined;
}

/**
 * Microphone, camera and screen share controls for the room of the nearest
 * `LiveKitRoomProvider`.
 *
 * Publishing uses the stored {@link useAudioSettings}, {@link useVideoSettings} and chosen
 * devices. Changes made later (in the settings dialog, another component or another tab) apply
 * to the live tracks without rejoining: processing and resolution through `restartTrack`, device
 * choices through `room.switchActiveDevice`. Actions never reject; failures land in `error`.
 */
export function useLiveKitMedia(): UseLiveKitMediaResult {
  const { room } = useLiveKitRoom();
  const local = useLocalParticipant({ room });
  const audio = useAudioSettings();
  const video = useVideoSettings();
  const { selected } = useSelectedDevices();
  const [pending, setPending] = useState<Partial<Record<PublishSource, boolean>>>({});
  const [error, setError] = useState<MediaControlError | undefined>(undefined);

  const microphoneTrack =
    local.microphoneTrack?.track instanceof LocalAudioTrack
      ? local.microphoneTrack.track
      : undefined;
  const cameraTrack =
    local.cameraTrack?.track instanceof LocalVideoTrack ? local.cameraTrack.track : undefined;

  const run = useCallback(async (source: PublishSource, action: () => Promise<unknown>) => {
    setPending((current) => ({ ...current, [source]: true }));
    setError(undefined);
    try {
      await action();
    } catch (cause) {
      setError(new MediaControlError(source, cause));
    } finally {
      setPending((current) => ({ ...current, [source]: false }));
    }
  }, []);

  const report = useCallback(
    (source: MediaErrorSource, cause: unknown) => setError(new MediaControlError(source, cause)),
    [],
  );

  useApplySelectedDevices(room, selected, report);

  const context = { room, selected, run, report };
  const setMicrophoneEnabled = useCaptureSource(
    MICROPHONE,
    microphoneTrack,
    local.isMicrophoneEnabled,
    audio.captureOptions,
    context,
  );
  const setCameraEnabled = useCaptureSource(
    CAMERA,
    cameraTrack,
    local.isCameraEnabled,
    video.captureOptions,
    context,
  );
  const setScreenShareEnabled = useCallback(
    // Offer the tab's or system's sound too; the browser lets the person untick it.
    (enabled: boolean) =>
      run('screen_share', () =>
        room.localParticipant.setScreenShareEnabled(enabled, enabled ? { audio: true } : undefined),
      ),
    [run, room],
  );

  // A fresh object each render, as components-js's useTrackToggle returns: the setters are
  // memoized callbacks, and no caller keys anything on the whole result.
  const { isMicrophoneEnabled, isCameraEnabled, isScreenShareEnabled } = local;
  return {
    isMicrophoneEnabled,
    isCameraEnabled,
    isScreenShareEnabled,
    pending,
    error,
    setMicrophoneEnabled,
    setCameraEnabled,
    setScreenShareEnabled,
    toggleMicrophone: () => setMicrophoneEnabled(!isMicrophoneEnabled),
    toggleCamera: () => setCameraEnabled(!isCameraEnabled),
    toggleScreenShare: () => setScreenShareEnabled(!isScreenShareEnabled),
    microphoneTrack,
    cameraTrack,
  };
}
