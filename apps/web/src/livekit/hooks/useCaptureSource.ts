import { useCallback } from 'react';
import type {
  AudioCaptureOptions,
  LocalAudioTrack,
  LocalParticipant,
  LocalTrack,
  LocalVideoTrack,
  Room,
  VideoCaptureOptions,
} from 'livekit-client';
import type { SelectedDevices } from '../core/media-devices.js';
import type { MediaErrorSource } from '../core/media-error.js';
import { useApplyCaptureOptions } from './useApplyCaptureOptions.js';

type CaptureOptions = AudioCaptureOptions | VideoCaptureOptions;

/** What tells the microphone from the camera; the rest of their handling is the same. */
export interface CaptureSource<Options extends CaptureOptions, Track extends LocalTrack> {
  source: 'microphone' | 'camera';
  kind: 'audioinput' | 'videoinput';
  setEnabled: (
    participant: LocalParticipant,
    enabled: boolean,
    options?: Options,
  ) => Promise<unknown>;
  restart: (track: Track, options: Options) => Promise<void>;
}

export const MICROPHONE: CaptureSource<AudioCaptureOptions, LocalAudioTrack> = {
  source: 'microphone',
  kind: 'audioinput',
  setEnabled: (participant, enabled, options) => participant.setMicrophoneEnabled(enabled, options),
  restart: (track, options) => track.restartTrack(options),
};

export const CAMERA: CaptureSource<VideoCaptureOptions, LocalVideoTrack> = {
  source: 'camera',
  kind: 'videoinput',
  setEnabled: (participant, enabled, options) => participant.setCameraEnabled(enabled, options),
  restart: (track, options) => track.restartTrack(options),
};

/** What `useLiveKitMedia` shares with each of its capture sources. */
export interface CaptureContext {
  room: Room;
  selected: SelectedDevices;
  /** Runs an action for a source, marking it pending and catching its failure. */
  run: (source: 'microphone' | 'camera', action: () => Promise<unknown>) => Promise<void>;
  /** Reports a failure that happened outside an action. */
  report: (source: MediaErrorSource, cause: unknown) => void;
}

// livekit-client writes a default device id into the options object it is given, so each call
// gets a fresh copy rather than the memoized settings.
function withDevice<T extends CaptureOptions>(options: T, deviceId: string | undefined): T {
  return deviceId === undefined ? { ...options } : { ...options, deviceId };
}

/**
 * Keeps the live track of one capture source on the stored options and returns the call that
 * publishes (with those options, on the chosen device) or unpublishes it.
 *
 * @param track - the published track, if any
 * @param live - whether it is currently unmuted
 * @param options - the stored capture options, memoized
 */
export function useCaptureSource<Options extends CaptureOptions, Track extends LocalTrack>(
  capture: CaptureSource<Options, Track>,
  track: Track | undefined,
  live: boolean,
  options: Options,
  { room, selected, run, report }: CaptureContext,
): (enabled: boolean) => Promise<void> {
  const deviceId = selected[capture.kind];

  // Restarts name the device in use: without a device id livekit-client restarts on the
  // browser's default device, which may not be the one the person is talking into.
  useApplyCaptureOptions(track, live, JSON.stringify(options), (current) =>
    capture
      .restart(current, withDevice(options, deviceId ?? room.getActiveDevice(capture.kind)))
      .catch((cause: unknown) => report(capture.source, cause)),
  );

  return useCallback(
    (enabled: boolean) =>
      run(capture.source, () =>
        capture.setEnabled(
          room.localParticipant,
          enabled,
          enabled ? withDevice(options, deviceId) : undefined,
        ),
      ),
    [capture, run, room, options, deviceId],
  );
}
