// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { cleanUpAfterEach } from '../../test-support/clean-up.js';
import { useVideoSettings } from './useVideoSettings.js';

cleanUpAfterEach();

describe('useVideoSettings', () => {
  it('defaults to 720p captured at 1280x720', () => {
    const { result } = renderHook(() => useVideoSettings());
    expect(result.current.preset).toBe('720p');
    expect(result.current.captureOptions.resolution).toMatchObject({ width: 1280, height: 720 });
  });

  it.each([
    ['480p', 640, 480],
    ['720p', 1280, 720],
    ['1080p', 1920, 1080],
  ] as const)('maps the %s preset to a %dx%d capture resolution', (preset, width, height) => {
    const { result } = renderHook(() => useVideoSettings());
    act(() => result.current.setPreset(preset));
    expect(result.current.preset).toBe(preset);
    expect(result.current.captureOptions.resolution).toMatchObject({ width, height });
  });

  it('remembers the chosen preset after a remount', () => {
    const first = renderHook(() => useVideoSettings());
    act(() => first.result.current.setPreset('1080p'));
    first.unmount();
    expect(localStorage.getItem('stagecast.video.preset')).toBe('"1080p"');
    const second = renderHook(() => useVideoSettings());
    expect(second.result.current.preset).toBe('1080p');
  });

  it('falls back to 720p when the stored preset is unknown', () => {
    localStorage.setItem('stagecast.video.preset', '"4k"');
    const { result } = renderHook(() => useVideoSettings());
    expect(result.current.preset).toBe('720p');
  });
});
