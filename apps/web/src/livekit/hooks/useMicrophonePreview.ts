import { useEffect, useState } from 'react';
import type { AudioSettings } from '../core/audio-settings.js';

export interface UseMicrophonePreviewOptions {
  /** Capture only while true (e.g. while the settings are open and permission is granted). */
  enabled: boolean;
  /** The chosen microphone; undefined for the browser's default. */
  deviceId: string | undefined;
  settings: AudioSettings;
}

/**
 * A local microphone track for previews such as the settings dialog's volume meter, captured
 * with the chosen device and processing so the meter shows what a publish would send.
 * Re-captured when those change, stopped when disabled or unmounted. Nothing is published.
 *
 * @returns the track, or undefined while disabled, starting, or when capture failed
 */
export function useMicrophonePreview({
  enabled,
  deviceId,
  settings,
}: UseMicrophonePreviewOptions): MediaStreamTrack | undefined {
  const [track, setTrack] = useState<MediaStreamTrack | undefined>(undefined);
  const { noiseSuppression, echoCancellation, autoGainControl, voiceIsolation } = settings;

  useEffect(() => {
    const mediaDevices = globalThis.navigator?.mediaDevices;
    if (!enabled || !mediaDevices) return;
    let stopped = false;
    let captured: MediaStreamTrack | undefined;
    // voiceIsolation is newer than TypeScript's DOM types.
    const audio: MediaTrackConstraints & { voiceIsolation?: boolean } = {
      noiseSuppression,
      echoCancellation,
      autoGainControl,
      voiceIsolation,
      ...(deviceId === undefined ? {} : { deviceId }),
    };
    mediaDevices
      .getUserMedia({ audio })
      .then((stream) => {
        captured = stream.getAudioTracks()[0];
        if (stopped) captured?.stop();
        else setTrack(captured);
      })
      .catch(() => {
        // No meter is shown; the dialog already reports the permission state.
      });
    return () => {
      stopped = true;
      captured?.stop();
      setTrack(undefined);
    };
  }, [enabled, deviceId, noiseSuppression, echoCancellation, autoGainControl, voiceIsolation]);

  return track;
}
