import type { VideoCaptureOptions, VideoResolution } from 'livekit-client';

/** Camera capture presets (the space spec's LIVEKIT_HOOK_VIDEO). */
export const VIDEO_PRESETS = {
  /** Low bandwidth. */
  '480p': { width: 640, height: 480, frameRate: 30 },
  /** The default, recommended. */
  '720p': { width: 1280, height: 720, frameRate: 30 },
  /** High quality. */
  '1080p': { width: 1920, height: 1080, frameRate: 30 },
} as const satisfies Record<string, VideoResolution>;

export type VideoPreset = keyof typeof VIDEO_PRESETS;

/** Preset names from lowest to highest quality, for pickers. */
export const VIDEO_PRESET_NAMES = Object.keys(VIDEO_PRESETS) as VideoPreset[];

export const DEFAULT_VIDEO_PRESET: VideoPreset = '720p';

export function isVideoPreset(value: unknown): value is VideoPreset {
  return typeof value === 'string' && Object.hasOwn(VIDEO_PRESETS, value);
}

/** Reads a stored preset, falling back to the default for anything unknown. */
export function parseVideoPreset(value: unknown): VideoPreset {
  return isVideoPreset(value) ? value : DEFAULT_VIDEO_PRESET;
}

/** Maps a preset to livekit-client capture options. */
export function toVideoCaptureOptions(preset: VideoPreset): VideoCaptureOptions {
  return { resolution: { ...VIDEO_PRESETS[preset] } };
}
