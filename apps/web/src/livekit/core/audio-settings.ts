import type { AudioCaptureOptions } from 'livekit-client';

/** Microphone processing choices (the space spec's LIVEKIT_HOOK_AUDIO). */
export interface AudioSettings {
  noiseSuppression: boolean;
  echoCancellation: boolean;
  autoGainControl: boolean;
  /** Experimental: a stronger noise suppression that few browsers support yet. */
  voiceIsolation: boolean;
}

/** Names of the audio settings, in the order the settings dialog shows them. */
export const AUDIO_SETTING_NAMES = [
  'noiseSuppression',
  'echoCancellation',
  'autoGainControl',
  'voiceIsolation',
] as const satisfies readonly (keyof AudioSettings)[];

export type AudioSettingName = (typeof AUDIO_SETTING_NAMES)[number];

/** Defaults from the spec: the browser's processing on, voice isolation off. */
export const DEFAULT_AUDIO_SETTINGS: Readonly<AudioSettings> = Object.freeze({
  noiseSuppression: true,
  echoCancellation: true,
  autoGainControl: true,
  voiceIsolation: false,
});

/** Reads stored settings, keeping the default for any field that is missing or malformed. */
export function parseAudioSettings(value: unknown): AudioSettings {
  const stored =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const settings = { ...DEFAULT_AUDIO_SETTINGS };
  for (const name of AUDIO_SETTING_NAMES) {
    const field = stored[name];
    if (typeof field === 'boolean') settings[name] = field;
  }
  return settings;
}

/**
 * Maps settings to livekit-client capture options. Every field is written, `voiceIsolation`
 * included, because livekit-client's own default turns voice isolation on.
 */
export function toAudioCaptureOptions(settings: AudioSettings): AudioCaptureOptions {
  return {
    noiseSuppression: settings.noiseSuppression,
    echoCancellation: settings.echoCancellation,
    autoGainControl: settings.autoGainControl,
    voiceIsolation: settings.voiceIsolation,
  };
}
