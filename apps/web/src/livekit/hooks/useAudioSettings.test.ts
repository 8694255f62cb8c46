// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { cleanUpAfterEach } from '../../test-support/clean-up.js';
import { useAudioSettings } from './useAudioSettings.js';

const DEFAULTS = {
  noiseSuppression: true,
  echoCancellation: true,
  autoGainControl: true,
  voiceIsolation: false,
};

cleanUpAfterEach();

describe('useAudioSettings', () => {
  it('starts with noise suppression, echo cancellation and auto gain on, voice isolation off', () => {
    const { result } = renderHook(() => useAudioSettings());
    expect(result.current.settings).toEqual(DEFAULTS);
  });

  it('spells out voice isolation off in the capture options, since livekit-client defaults it on', () => {
    const { result } = renderHook(() => useAudioSettings());
    expect(result.current.captureOptions).toEqual(DEFAULTS);
  });

  it('stores a change under the stagecast. prefix and keeps it after a remount', () => {
    const first = renderHook(() => useAudioSettings());
    act(() => first.result.current.setNoiseSuppression(false));
    act(() => first.result.current.setVoiceIsolation(true));
    first.unmount();

    expect(JSON.parse(localStorage.getItem('stagecast.audio') ?? '{}')).toMatchObject({
      noiseSuppression: false,
      voiceIsolation: true,
    });
    const second = renderHook(() => useAudioSettings());
    expect(second.result.current.settings.noiseSuppression).toBe(false);
    expect(second.result.current.captureOptions.voiceIsolation).toBe(true);
  });

  it('applies a change made in one component to every other one at once', () => {
    const dialog = renderHook(() => useAudioSettings());
    const room = renderHook(() => useAudioSettings());
    act(() => dialog.result.current.setEchoCancellation(false));
    expect(room.result.current.captureOptions.echoCancellation).toBe(false);
  });

  it('keeps the defaults for fields a stored value lacks or garbles', () => {
    localStorage.setItem(
      'stagecast.audio',
      JSON.stringify({ autoGainControl: false, echoCancellation: 'no' }),
    );
    const { result } = renderHook(() => useAudioSettings());
    expect(result.current.settings).toEqual({ ...DEFAULTS, autoGainControl: false });
  });

  it('falls back to the defaults when the stored text is not JSON', () => {
    localStorage.setItem('stagecast.audio', '{not json');
    const { result } = renderHook(() => useAudioSettings());
    expect(result.current.settings.noiseSuppression).toBe(true);
  });
});
