import {
  createLocalAudioTrack,
  createLocalVideoTrack,
  VideoPresets,
  type LocalAudioTrack,
  type LocalVideoTrack,
} from 'livekit-client';
import { MediaControlError, type MediaErrorReason } from '../core/media-error.js';
import type { CheckReason } from './check-lines.js';

const DEVICE_REASONS: Record<'camera' | 'microphone', Record<MediaErrorReason, CheckReason>> = {
  camera: {
    permission_denied: 'camera_denied',
    device_not_found: 'camera_missing',
    device_in_use: 'camera_busy',
    unsupported: 'camera_failed',
    failed: 'camera_failed',
  },
  microphone: {
    permission_denied: 'mic_denied',
    device_not_found: 'mic_missing',
    device_in_use: 'mic_busy',
    unsupported: 'mic_failed',
    failed: 'mic_failed',
  },
};

/** A device captured, or why it could not be. */
export type Captured<T> = { track: T } | { failed: CheckReason };

function captured<T>(
  result: PromiseSettledResult<T>,
  device: 'camera' | 'microphone',
): Captured<T> {
  if (result.status === 'fulfilled') return { track: result.value };
  const reason = new MediaControlError(device, result.reason).reason;
  return { failed: DEVICE_REASONS[device][reason] };
}

/** Camera and microphone, each on its own so that one missing does not hide the other. */
export async function captureDevices(): Promise<{
  camera: Captured<LocalVideoTrack>;
  microphone: Captured<LocalAudioTrack>;
}> {
  const [camera, microphone] = await Promise.allSettled([
    createLocalVideoTrack({ resolution: VideoPresets.h360.resolution }),
    createLocalAudioTrack(),
  ]);
  return { camera: captured(camera, 'camera'), microphone: captured(microphone, 'microphone') };
}
