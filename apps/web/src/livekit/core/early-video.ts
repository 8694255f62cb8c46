import { RoomEvent, Track, type RemoteTrack, type Room } from 'livekit-client';
import { onRoomEvents } from './room-events.js';

/** How long the early video waits at most for a tile's own element to show the track. */
export const HAND_OVER_MS = 1_000;

/** The first remote video of a join, shown before React has rendered its tile. */
export interface EarlyVideo {
  /**
   * Shows the video in `host`, styled by `className` (moved there if it is playing elsewhere:
   * a `<video>` moved within one task keeps playing), and any taken later there too.
   */
  showIn(host: HTMLElement, className: string): void;
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
  let place = { host, className };
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
    element.className = place.className;
    element.muted = true;
    element.playsInline = true;
    element.autoplay = true;
    // In the page before the attach, so that adaptive stream sees it visible at once.
    place.host.appendChild(element);
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
    showIn(host, className) {
      place = { host, className };
      if (!shown) return;
      shown.element.className = className;
      host.appendChild(shown.element);
    },
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

/** How long a first video taken before the room view waits at most for the stage to show it. */
export const UNSHOWN_MS = 10_000;

const waitingForStage = new WeakMap<Room, EarlyVideo>();

/**
 * Takes `room`'s first remote video from the start of its first connection, before anything of
 * the room is rendered: the room view then renders once the handshake is over, not during it
 * (sharing the main thread, its render made the video track arrive ~30 ms later), and the
 * video is asked for at once all the same. Until the stage shows it ({@link takeEarlyVideo}),
 * it plays unseen in a transparent holder over the page (adaptive stream asks for an element
 * it finds visible, in the viewport and with a size). Dropped when the room disconnects or after
 * {@link UNSHOWN_MS}.
 */
export function startEarlyVideo(room: Room): void {
  const holder = document.createElement('div');
  holder.setAttribute('aria-hidden', 'true');
  Object.assign(holder.style, {
    position: 'fixed',
    inset: '0',
    opacity: '0',
    pointerEvents: 'none',
  });
  document.body.appendChild(holder);
  const early = showFirstVideoEarly(room, holder, '');
  const waiting: EarlyVideo = {
    ...early,
    showIn(host, className) {
      early.showIn(host, className);
      stopWaiting();
    },
  };
  const drop = () => {
    stopWaiting();
    if (waitingForStage.get(room) !== waiting) return;
    waitingForStage.delete(room);
    early.stop();
  };
  const timer = setTimeout(drop, UNSHOWN_MS);
  const stopListening = onRoomEvents(room, [RoomEvent.Disconnected], drop);
  function stopWaiting() {
    clearTimeout(timer);
    stopListening();
    holder.remove();
  }
  waitingForStage.set(room, waiting);
}

/**
 * The first video {@link startEarlyVideo} took for `room`, now shown in `host` (see
 * {@link EarlyVideo.showIn}); undefined if none was started for it or it was dropped.
 */
export function takeEarlyVideo(
  room: Room,
  host: HTMLElement,
  className: string,
): EarlyVideo | undefined {
  const early = waitingForStage.get(room);
  if (!early) return undefined;
  waitingForStage.delete(room);
  early.showIn(host, className);
  return early;
}
