// @vitest-environment happy-dom
import { RoomEvent, Track, type RemoteTrack } from 'livekit-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { offlineRoom } from '../../test-support/offline-room.js';
import { presentableVideo } from '../../test-support/presentable-video.js';
import {
  HAND_OVER_MS,
  showFirstVideoEarly,
  startEarlyVideo,
  takeEarlyVideo,
  UNSHOWN_MS,
} from './early-video.js';

/** A remote track as far as the early video uses it: kind, attach, detach, its elements. */
function fakeTrack(kind: Track.Kind = Track.Kind.Video) {
  const track = {
    kind,
    attachedElements: [] as HTMLMediaElement[],
    attach(element: HTMLMediaElement) {
      track.attachedElements.push(element);
      return element;
    },
    detach(element: HTMLMediaElement) {
      track.attachedElements = track.attachedElements.filter((e) => e !== element);
      return element;
    },
  };
  return track as typeof track & RemoteTrack;
}

/** A tile's own <video> for `track`, whose next presented frame the test decides. */
function tileVideo(track: RemoteTrack) {
  const video = presentableVideo();
  track.attach(video.element);
  return video;
}

function setUp() {
  const { room } = offlineRoom();
  const host = document.createElement('div');
  document.body.append(host);
  const early = showFirstVideoEarly(room, host, 'early');
  const subscribe = (track: RemoteTrack) =>
    room.emit(RoomEvent.TrackSubscribed, track, {} as never, {} as never);
  const unsubscribe = (track: RemoteTrack) =>
    room.emit(RoomEvent.TrackUnsubscribed, track, {} as never, {} as never);
  return { room, host, early, subscribe, unsubscribe };
}

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('showFirstVideoEarly', () => {
  it('attaches the first remote video in its subscription event, into a video in the page', () => {
    const { host, subscribe } = setUp();
    subscribe(fakeTrack(Track.Kind.Audio));
    expect(host.children).toHaveLength(0);
    const first = fakeTrack();
    subscribe(first);
    const video = host.querySelector('video')!;
    expect(video.className).toBe('early');
    expect(video.muted).toBe(true);
    expect(first.attachedElements).toEqual([video]);
    // One picture: a second video waits for its tile.
    const second = fakeTrack();
    subscribe(second);
    expect(host.querySelectorAll('video')).toHaveLength(1);
    expect(second.attachedElements).toEqual([]);
  });

  it("goes once the tile's own video presents a frame, and takes no video after", () => {
    const { host, early, subscribe } = setUp();
    const track = fakeTrack();
    subscribe(track);
    const own = tileVideo(track);
    early.handOver();
    expect(host.querySelector('video')).not.toBeNull();
    own.present();
    expect(host.querySelector('video')).toBeNull();
    expect(track.attachedElements).toEqual([own.element]);
    subscribe(fakeTrack());
    expect(host.children).toHaveLength(0);
  });

  it('goes at once when no tile shows the track, and after a while when its tile never plays', () => {
    const unseen = setUp();
    unseen.subscribe(fakeTrack());
    unseen.early.handOver();
    expect(unseen.host.children).toHaveLength(0);

    vi.useFakeTimers();
    const stuck = setUp();
    const track = fakeTrack();
    stuck.subscribe(track);
    tileVideo(track);
    stuck.early.handOver();
    vi.advanceTimersByTime(HAND_OVER_MS - 1);
    expect(stuck.host.children).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(stuck.host.children).toHaveLength(0);
  });

  it('goes when its track is unsubscribed or when stopped, and then stops listening', () => {
    const { host, early, subscribe, unsubscribe } = setUp();
    const track = fakeTrack();
    subscribe(track);
    unsubscribe(track);
    expect(host.children).toHaveLength(0);
    expect(track.attachedElements).toEqual([]);
    // Still the first picture of the join: the next video is shown.
    const next = fakeTrack();
    subscribe(next);
    expect(next.attachedElements).toHaveLength(1);
    early.stop();
    expect(host.children).toHaveLength(0);
    expect(next.attachedElements).toEqual([]);
    subscribe(fakeTrack());
    expect(host.children).toHaveLength(0);
  });
});

describe('startEarlyVideo', () => {
  function started() {
    const { room } = offlineRoom();
    startEarlyVideo(room);
    const holder = document.body.lastElementChild as HTMLElement;
    const subscribe = (track: RemoteTrack) =>
      room.emit(RoomEvent.TrackSubscribed, track, {} as never, {} as never);
    return { room, holder, subscribe };
  }

  it('plays the first video unseen before any render, then moves it to the stage that takes it', () => {
    const { room, holder, subscribe } = started();
    expect(holder.getAttribute('aria-hidden')).toBe('true');
    expect(holder.style.opacity).toBe('0');
    const track = fakeTrack();
    subscribe(track);
    const video = holder.querySelector('video')!;
    expect(track.attachedElements).toEqual([video]);

    const stage = document.createElement('div');
    document.body.append(stage);
    const early = takeEarlyVideo(room, stage, 'early')!;
    // The same element, still attached, now styled and in the stage; the holder is gone.
    expect(stage.querySelector('video')).toBe(video);
    expect(video.className).toBe('early');
    expect(track.attachedElements).toEqual([video]);
    expect(holder.isConnected).toBe(false);
    // Taken once: a second stage (a remount) shows its own.
    expect(takeEarlyVideo(room, stage, 'early')).toBeUndefined();
    early.stop();
    expect(stage.children).toHaveLength(0);
  });

  it('shows a video that arrives after the stage took it in the stage', () => {
    const { room, holder, subscribe } = started();
    const stage = document.createElement('div');
    document.body.append(stage);
    takeEarlyVideo(room, stage, 'early');
    subscribe(fakeTrack());
    expect(stage.querySelector('video.early')).not.toBeNull();
    expect(holder.isConnected).toBe(false);
  });

  it('is dropped, holder and all, when the room disconnects or no stage takes it in time', () => {
    const gone = started();
    const track = fakeTrack();
    gone.subscribe(track);
    gone.room.emit(RoomEvent.Disconnected);
    expect(gone.holder.isConnected).toBe(false);
    expect(track.attachedElements).toEqual([]);
    expect(takeEarlyVideo(gone.room, document.body, 'early')).toBeUndefined();

    vi.useFakeTimers();
    const late = started();
    vi.advanceTimersByTime(UNSHOWN_MS - 1);
    expect(late.holder.isConnected).toBe(true);
    vi.advanceTimersByTime(1);
    expect(late.holder.isConnected).toBe(false);
    late.subscribe(fakeTrack());
    expect(document.querySelector('video')).toBeNull();
  });
});
