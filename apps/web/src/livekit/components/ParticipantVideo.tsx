import { useLayoutEffect, useRef, type HTMLAttributes } from 'react';
import type { Participant, Track } from 'livekit-client';
import { attachParticipantVideo } from '../core/video-attachment.js';

export interface ParticipantVideoProps extends HTMLAttributes<HTMLVideoElement> {
  participant: Participant;
  source: Track.Source;
}

/**
 * A `<video>` that shows `participant`'s `source` whenever LiveKit has it. Rendered before the
 * track arrives (keep it in the layout, e.g. under a placeholder, for adaptive stream to see
 * it), so the track is attached the moment it is subscribed. Carries `data-lk-source` like
 * components-react's `VideoTrack`.
 */
export function ParticipantVideo({ participant, source, ...props }: ParticipantVideoProps) {
  const element = useRef<HTMLVideoElement>(null);
  useLayoutEffect(
    () => attachParticipantVideo(participant, source, element.current!),
    [participant, source],
  );
  return (
    <video
      ref={element}
      data-lk-source={source}
      data-lk-local-participant={participant.isLocal}
      autoPlay
      playsInline
      muted
      {...props}
    />
  );
}
