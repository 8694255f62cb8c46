import { useEffect, useState } from 'react';

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
  const [track, setTrack] = useState<MediaStreamTrack | undefined>(undefined);

  useEffect(() => {
    const mediaDevices = globalThis.navigator?.mediaDevices;
    if (!enabled || !mediaDevices) return;
    let stopped = false;
    let captured: MediaStreamTrack | undefined;
    const video: MediaTrackConstraints = {
      width: { ideal: width },
      height: { ideal: height },
      ...(deviceId === undefined ? {} : { deviceId }),
    };
    mediaDevices
      .getUserMedia({ video })
      .then((stream) => {
        captured = stream.getVideoTracks()[0];
        if (stopped) captured?.stop();
        else setTrack(captured);
      })
      .catch(() => {
        // The preview stays dark; the permission line says why.
      });
    return () => {
      stopped = true;
      captured?.stop();
      setTrack(undefined);
    };
  }, [enabled, deviceId, width, height]);

  return track;
}
