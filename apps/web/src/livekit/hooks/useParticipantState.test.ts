// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { Participant, Track } from 'livekit-client';
import { afterEach, describe, expect, it } from 'vitest';
import { useParticipantState } from './useParticipantState.js';

afterEach(cleanup);

describe('useParticipantState', () => {
  it('renders again when a real participant starts and stops speaking, and not otherwise', () => {
    const participant = new Participant('PA_1', 'user:1', 'Ana');
    let renders = 0;
    const { result } = renderHook(() => {
      renders += 1;
      return useParticipantState(participant, Track.Source.Camera);
    });
    expect(result.current.speaking).toBe(false);
    const before = renders;
    act(() => participant.setIsSpeaking(true));
    expect(result.current.speaking).toBe(true);
    expect(renders).toBe(before + 1);
    const state = result.current;
    // Speaking again changes nothing shown: the same state object, no render.
    act(() => participant.setIsSpeaking(true));
    expect(result.current).toBe(state);
    act(() => participant.setIsSpeaking(false));
    expect(result.current.speaking).toBe(false);
  });
});
