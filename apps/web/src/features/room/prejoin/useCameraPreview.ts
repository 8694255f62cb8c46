import { useMemo } from 'react';
import { useTrackPreview } from '../../../livekit/index.js';

export interface UseCameraPreviewOptions {
  /** Capture only while true (the camera is switched on and permission is granted). */
  enabled: boolean;
  /** The chosen camera; undefined for the browser's default. */
  deviceId: string | undefined;
  width: number;
  height: number;
}

/**
 * A local camera track for the pre-join preview, at the chosen quality, re-captured when the
 * camera or quality changes and stopped when disabled or unmounted. Nothing is published.
 */
export function useCameraPreview({
  enabled,
  deviceId,
  width,
  height,
}: UseCameraPreviewOptions): MediaStreamTrack | undefined {
  const constraints = useMemo(
    (): MediaTrackConstraints => ({
      width: { ideal: width },
      height: { ideal: height },
      ...(deviceId === undefined ? {} : { deviceId }),
    }),
    [deviceId, width, height],
  );
  return useTrackPreview({ kind: 'video', enabled, constraints });
}
