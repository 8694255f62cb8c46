import { useMemo } from 'react';
import type { VideoCaptureOptions } from 'livekit-client';
import {
  parseVideoPreset,
  toVideoCaptureOptions,
  type VideoPreset,
} from '../core/video-presets.js';
import { usePersistedState } from './usePersistedState.js';

/** Storage key (under the `stagecast.` prefix) of the camera preset. */
export const VIDEO_PRESET_KEY = 'video.preset';

export interface UseVideoSettingsResult {
  /** `480p`, `720p` (default) or `1080p`. */
  preset: VideoPreset;
  setPreset: (preset: VideoPreset) => void;
  /** The preset as livekit-client camera capture options (`resolution`, no device id). */
  captureOptions: VideoCaptureOptions;
}

/**
 * Camera quality preset, persisted per browser: 480p (640x480), 720p (1280x720, the default)
 * or 1080p (1920x1080). Shared by every instance, like {@link useAudioSettings}.
 */
export function useVideoSettings(): UseVideoSettingsResult {
  const [preset, setPreset] = usePersistedState(VIDEO_PRESET_KEY, parseVideoPreset);
  return useMemo(
    () => ({ preset, setPreset, captureOptions: toVideoCaptureOptions(preset) }),
    [preset, setPreset],
  );
}
