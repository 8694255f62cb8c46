import { useEffect, useState } from 'react';

export interface UseTrackPreviewOptions {
  kind: 'audio' | 'video';
  /** Capture only while true (e.g. the device is switched on and permission is granted). */
  enabled: boolean;
  /** The constraints to capture with, memoized: a new object captures again. */
  constraints: MediaTrackConstraints;
}

/**
 * A local camera or microphone track for a preview, captured with `constraints`, captured again
 * when they change, and stopped when disabled or unmounted. Nothing is published.
 *
 * @returns the track, or undefined while disabled, starting, or when capture failed (callers
 * show the permission state instead)
 */
export function useTrackPreview({
  kind,
  enabled,
  constraints,
}: UseTrackPreviewOptions): MediaStreamTrack | undefined {
  const [track, setTrack] = useState<MediaStreamTrack | undefined>(undefined);

  useEffect(() => {
    const mediaDevices = globalThis.navigator?.mediaDevices;
    if (!enabled || !mediaDevices) return;
    let stopped = false;
    let captured: MediaStreamTrack | undefined;
    mediaDevices
      .getUserMedia({ [kind]: constraints })
      .then((stream) => {
        captured = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0];
        // Switched off or changed while the browser was still starting the device.
        if (stopped) captured?.stop();
        else setTrack(captured);
      })
      .catch(() => {
        // No preview is shown; the caller already reports the permission state.
      });
    return () => {
      stopped = true;
      captured?.stop();
      setTrack(undefined);
    };
  }, [kind, enabled, constraints]);

  return track;
}
