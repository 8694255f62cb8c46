import { useEffect } from 'react';
import {
  useAudioSettings,
  useMediaDevices,
  useMicrophonePreview,
  type UseMediaDevicesResult,
} from '../../livekit/index.js';

export interface DeviceCheck {
  media: UseMediaDevicesResult;
  /** A preview of the chosen microphone with the stored processing, for a level meter. */
  microphone: MediaStreamTrack | undefined;
}

/**
 * The devices for a screen that checks them (the settings dialog, the pre-join): showing it is
 * what asks for camera and microphone permission, so it asks on mount, and once granted it
 * captures the chosen microphone for its meter while `previewMicrophone` is true.
 */
export function useDeviceCheck(previewMicrophone: boolean): DeviceCheck {
  const media = useMediaDevices();
  const { requestPermission } = media;
  const { settings } = useAudioSettings();
  const microphone = useMicrophonePreview({
    enabled: previewMicrophone && media.permission === 'granted',
    deviceId: media.selected.audioinput,
    settings,
  });

  useEffect(() => {
    void requestPermission();
  }, [requestPermission]);

  return { media, microphone };
}
