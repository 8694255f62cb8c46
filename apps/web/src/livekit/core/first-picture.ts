import {
  ConnectionState,
  RoomEvent,
  Track,
  TrackEvent,
  type RemoteTrack,
  type RemoteTrackPublication,
  type Room,
} from 'livekit-client';
import { onRoomEvents } from './room-events.js';

// HTMLMediaElement.HAVE_CURRENT_DATA: the element has a frame to show.
const HAS_FRAME = 2;

/** A <video> that can say when it presents a frame. */
function isPresenting(element: HTMLMediaElement): element is HTMLVideoElement {
  return element instanceof HTMLVideoElement && 'requestVideoFrameCallback' in element;
}

/** Every video the others in the room publish. */
function* remoteVideos(room: Room): Generator<RemoteTrackPublication> {
  for (const participant of room.remoteParticipants.values()) {
    yield* participant.videoTrackPublications.values();
  }
}

/**
 * Calls `onShown` once, when the room first shows a remote picture: a subscribed video track
 * started playing in an element (livekit-client plays it on attach; a MediaStream plays once
 * its first frame is there) and the element then presented a frame. Once connected with no
 * unmuted remote video to wait for, at once. A video that cannot play (autoplay refused) counts
 * as shown: there is nothing more to wait for. Returns the function that stops watching.
 */
export function watchFirstPicture(room: Room, onShown: () => void): () => void {
  let done = false;
  const stops: (() => void)[] = [];
  const stop = () => {
    for (const undo of stops.splice(0)) undo();
  };
  const shown = () => {
    if (done) return;
    done = true;
    stop();
    onShown();
  };
  const watchTrack = (track: RemoteTrack) => {
    if (track.kind !== Track.Kind.Video) return;
    // Playing means a frame is decoded; shown means it was on screen: the next frame presented
    // by any of the track's elements, those attached later too (the stage's early video can be
    // removed before it presents one, once the tile's own has: useEarlyVideo).
    const presented = (element: HTMLMediaElement) => {
      if (isPresenting(element)) element.requestVideoFrameCallback(() => shown());
    };
    const playing = () => {
      if (!track.attachedElements.some(isPresenting)) return shown();
      track.attachedElements.forEach(presented);
      track.on(TrackEvent.ElementAttached, presented);
      stops.push(() => track.off(TrackEvent.ElementAttached, presented));
    };
    if (track.attachedElements.some((element) => element.readyState >= HAS_FRAME)) {
      return playing();
    }
    track.on(TrackEvent.VideoPlaybackStarted, playing);
    track.on(TrackEvent.VideoPlaybackFailed, shown);
    stops.push(() => {
      track.off(TrackEvent.VideoPlaybackStarted, playing);
      track.off(TrackEvent.VideoPlaybackFailed, shown);
    });
  };
  const onState = (state: ConnectionState) => {
    if (state !== ConnectionState.Connected) return;
    if (![...remoteVideos(room)].some((publication) => !publication.isMuted)) shown();
  };
  stops.push(
    onRoomEvents(room, [RoomEvent.TrackSubscribed], watchTrack),
    onRoomEvents(room, [RoomEvent.ConnectionStateChanged], onState),
  );
  for (const publication of remoteVideos(room)) {
    if (publication.track) watchTrack(publication.track);
  }
  if (!done) onState(room.state);
  return () => {
    done = true;
    stop();
  };
}
