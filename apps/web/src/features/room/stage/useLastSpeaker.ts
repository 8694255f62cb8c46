import { useState } from 'react';
import { useSpeakingParticipants } from '@livekit/components-react';

/**
 * The identity of whoever spoke last, other than the local participant (nobody wants their own
 * face large): it stays when everyone falls silent, so the speaker layout does not jump back.
 */
export function useLastSpeaker(): string | undefined {
  const speaking = useSpeakingParticipants();
  const [last, setLast] = useState<string | undefined>(undefined);
  const loudest = speaking.find((participant) => !participant.isLocal)?.identity;
  // Set during render (React's pattern for state derived from a changing input).
  if (loudest !== undefined && loudest !== last) setLast(loudest);
  return loudest ?? last;
}
