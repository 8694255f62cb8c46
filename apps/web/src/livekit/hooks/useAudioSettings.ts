import { useCallback, useMemo } from 'react';
import type { AudioCaptureOptions } from 'livekit-client';
import {
  parseAudioSettings,
  toAudioCaptureOptions,
  type AudioSettingName,
  type AudioSettings,
} from '../core/audio-settings.js';
import { usePersistedState } from './usePersistedState.js';

/** Storage key (under the `stagecast.` prefix) of the audio settings. */
export const AUDIO_SETTINGS_KEY = 'audio';

export interface UseAudioSettingsResult {
  settings: AudioSettings;
  /** Sets one setting by name; the change is stored and reaches every reader at once. */
  setSetting: (name: AudioSettingName, value: boolean) => void;
  setNoiseSuppression: (value: boolean) => void;
  setEchoCancellation: (value: boolean) => void;
  setAutoGainControl: (value: boolean) => void;
  /** Experimental: browsers without support ignore it. */
  setVoiceIsolation: (value: boolean) => void;
  /** The settings as livekit-client microphone capture options (no device id). */
  captureOptions: AudioCaptureOptions;
}

/**
 * Microphone processing settings, persisted per browser.
 *
 * Defaults: noise suppression, echo cancellation and auto gain on; voice isolation off.
 * Every instance shares the same stored value, so `useLiveKitMedia` sees changes made in the
 * settings dialog and applies them to the live microphone.
 */
export function useAudioSettings(): UseAudioSettingsResult {
  const [settings, setSettings] = usePersistedState(AUDIO_SETTINGS_KEY, parseAudioSettings);

  const setSetting = useCallback(
    (name: AudioSettingName, value: boolean) =>
      setSettings((current) => ({ ...current, [name]: value })),
    [setSettings],
  );

  return useMemo(
    () => ({
      settings,
      setSetting,
      setNoiseSuppression: (value: boolean) => setSetting('noiseSuppression', value),
      setEchoCancellation: (value: boolean) => setSetting('echoCancellation', value),
      setAutoGainControl: (value: boolean) => setSetting('autoGainControl', value),
      setVoiceIsolation: (value: boolean) => setSetting('voiceIsolation', value),
      captureOptions: toAudioCaptureOptions(settings),
    }),
    [settings, setSetting],
  );
}
