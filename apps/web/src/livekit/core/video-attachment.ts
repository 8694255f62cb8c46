import { ParticipantEvent, Track, type Participant } from 'livekit-client';

// Every event after which the participant's track for a source may be another (or none).
const TRACK_CHANGES = [
  ParticipantEvent.TrackSubscribed,
  ParticipantEvent.TrackUnsubscribed,
  ParticipantEvent.LocalTrackPublished,
  ParticipantEvent.LocalTrackUnpublished,
] as const;

/**
 * Keeps `participant`'s video for `source` attached to `element`: at once if there is one, and
 * from then on in LiveKit's own subscription event, before React renders anything. A new
 * subscriber's first frame waits for this attach (with adaptive stream the server sends
 * nothing until it knows the element is visible), so it is not left to an effect after a render.
 * Returns the function that stops and detaches.
 */
export function attachParticipantVideo(
  participant: Participant,
  source: Track.Source,
  element: HTMLVideoElement,
): () => void {
  let attached: Track | undefined;
  const update = () => {
    const track = participant.getTrackPublication(source)?.track;
    const video = track?.kind === Track.Kind.Video ? track : undefined;
    if (video === attached) return;
    attached?.detach(element);
    attached = video;
    video?.attach(element);
  };
  for (const event of TRACK_CHANGES) participant.on(event, update);
  update();
  return () => {
    for (const event of TRACK_CHANGES) participant.off(event, update);
    attached?.detach(element);
    attached = undefined;
  };
}
