import {
  ParticipantEvent,
  Track,
  type ConnectionQuality,
  type Participant,
  type ParticipantEventCallbacks,
} from 'livekit-client';

/** What a stage tile shows of one participant besides the video itself. */
export interface ParticipantState {
  speaking: boolean;
  /** The tile's source (camera or screen) is not published or is muted. */
  videoMuted: boolean;
  /** The microphone is not published or is muted. */
  micMuted: boolean;
  quality: `${ConnectionQuality}`;
}

/** The participant events after which a `ParticipantState` may differ. */
const STATE_EVENTS: readonly (keyof ParticipantEventCallbacks)[] = [
  ParticipantEvent.IsSpeakingChanged,
  ParticipantEvent.TrackMuted,
  ParticipantEvent.TrackUnmuted,
  ParticipantEvent.TrackPublished,
  ParticipantEvent.TrackUnpublished,
  ParticipantEvent.TrackSubscribed,
  ParticipantEvent.TrackUnsubscribed,
  ParticipantEvent.LocalTrackPublished,
  ParticipantEvent.LocalTrackUnpublished,
  ParticipantEvent.ConnectionQualityChanged,
];

const muted = (participant: Participant, source: Track.Source) =>
  participant.getTrackPublication(source)?.isMuted ?? true;

/**
 * The state as one string, so that a render happens only when it changed (a stable snapshot for
 * `useSyncExternalStore`). Muted is what components-react's `useIsMuted` reads: no publication
 * counts as muted.
 */
export function participantStateKey(participant: Participant, source: Track.Source): string {
  return [
    participant.isSpeaking ? 1 : 0,
    muted(participant, source) ? 1 : 0,
    muted(participant, Track.Source.Microphone) ? 1 : 0,
    participant.connectionQuality,
  ].join('|');
}

export function parseParticipantState(key: string): ParticipantState {
  const [speaking, videoMuted, micMuted, quality] = key.split('|');
  return {
    speaking: speaking === '1',
    videoMuted: videoMuted === '1',
    micMuted: micMuted === '1',
    quality: quality as ParticipantState['quality'],
  };
}

/** Calls `listener` after each event that may change the participant's state; returns the stop. */
export function onParticipantState(participant: Participant, listener: () => void): () => void {
  for (const event of STATE_EVENTS) participant.on(event, listener);
  return () => {
    for (const event of STATE_EVENTS) participant.off(event, listener);
  };
}
