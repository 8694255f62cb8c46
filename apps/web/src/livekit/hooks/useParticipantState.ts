import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { Participant, Track } from 'livekit-client';
import {
  onParticipantState,
  parseParticipantState,
  participantStateKey,
  type ParticipantState,
} from '../core/participant-state.js';

/**
 * Whether `participant` is speaking, whether its `source` video and its microphone are muted,
 * and its connection quality, kept current. One subscription for all four (components-react's
 * tile, `useIsMuted` and quality hooks take one each): the stage renders a tile per speaker while
 * LiveKit is still connecting, and that work delays the first picture.
 */
export function useParticipantState(
  participant: Participant,
  source: Track.Source,
): ParticipantState {
  const subscribe = useCallback(
    (changed: () => void) => onParticipantState(participant, changed),
    [participant],
  );
  const key = useSyncExternalStore(subscribe, () => participantStateKey(participant, source));
  return useMemo(() => parseParticipantState(key), [key]);
}
