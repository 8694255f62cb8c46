import { useMemo } from 'react';
import type { AudioSettings } from '../core/audio-settings.js';
import { useTrackPreview } from './useTrackPreview.js';

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
  const { noiseSuppression, echoCancellation, autoGainControl, voiceIsolation } = settings;
  // voiceIsolation is newer than TypeScript's DOM types.
  const constraints = useMemo(
    (): MediaTrackConstraints & { voiceIsolation?: boolean } => ({
      noiseSuppression,
      echoCancellation,
      autoGainControl,
      voiceIsolation,
      ...(deviceId === undefined ? {} : { deviceId }),
    }),
    [deviceId, noiseSuppression, echoCancellation, autoGainControl, voiceIsolation],
  );
  return useTrackPreview({ kind: 'audio', enabled, constraints });
}
