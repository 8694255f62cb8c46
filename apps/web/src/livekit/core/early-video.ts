import { RoomEvent, Track, type RemoteTrack, type Room } from 'livekit-client';
import { onRoomEvents } from './room-events.js';

/** How long the early video waits at most for a tile's own element to show the track. */
export const HAND_OVER_MS = 1_000;

/** The first remote video of a join, shown before React has rendered its tile. */
export interface EarlyVideo {
  /**
   * The tiles are rendered (call it after their effects): no later video is taken, and the one
   * shown goes once a tile's own element presents a frame of its track (at once if none shows
   * it; after {@link HAND_OVER_MS} at the latest).
   */
  handOver(): void;
  /** Stops listening and removes the video now. */
  stop(): void;
}

/**
 * Shows the first remote video in `host` from livekit-client's own subscription event. On a
 * first join livekit-client announces the others and their tracks together, once connected, and
 * their tiles need a render: the first video would be attached only after it, and with adaptive
 * stream the server sends nothing until an attached element is visible. Attached here, in that
 * event and into an element already on the page, the track is asked for at once (as on a bare
 * livekit-client page) while the tiles render; the tile's own element then takes over.
 * `className` styles the `<video>`; `host` must be laid out where the picture belongs.
 */
export function showFirstVideoEarly(room: Room, host: HTMLElement, className: string): EarlyVideo {
  let taking = true;
  let shown: { track: RemoteTrack; element: HTMLVideoElement } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const remove = () => {
    clearTimeout(timer);
    if (!shown) return;
    shown.track.detach(shown.element);
    shown.element.remove();
    shown = undefined;
  };
  const take = (track: RemoteTrack) => {
    if (!taking || shown || track.kind !== Track.Kind.Video) return;
    const element = document.createElement('video');
    element.className = className;
    element.muted = true;
    element.playsInline = true;
    element.autoplay = true;
    // In the page before the attach, so that adaptive stream sees it visible at once.
    host.appendChild(element);
    track.attach(element);
    shown = { track, element };
  };
  const stops = [
    onRoomEvents(room, [RoomEvent.TrackSubscribed], take),
    onRoomEvents(room, [RoomEvent.TrackUnsubscribed], (track: RemoteTrack) => {
      if (shown?.track === track) remove();
    }),
  ];
  return {
    handOver() {
      taking = false;
      if (!shown || timer) return;
      const early = shown.element;
      const own = shown.track.attachedElements.find(
        (element): element is HTMLVideoElement =>
          element !== early &&
          element instanceof HTMLVideoElement &&
          'requestVideoFrameCallback' in element,
      );
      if (!own) return remove();
      timer = setTimeout(remove, HAND_OVER_MS);
      own.requestVideoFrameCallback(() => {
        if (shown?.element === early) remove();
      });
    },
    stop() {
      taking = false;
      for (const stop of stops) stop();
      remove();
    },
  };
}
