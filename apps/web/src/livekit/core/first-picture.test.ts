// @vitest-environment happy-dom
import { EventEmitter } from 'events';
import { ConnectionState, RoomEvent, Track, TrackEvent, type RemoteTrack } from 'livekit-client';
import { describe, expect, it, vi } from 'vitest';
import { offlineRoom } from '../../test-support/offline-room.js';
import { presentableVideo } from '../../test-support/presentable-video.js';
import { watchFirstPicture } from './first-picture.js';

/** A remote video track as far as the watcher reads it: kind, elements, events. */
function fakeVideoTrack() {
  const track = Object.assign(new EventEmitter(), {
    kind: Track.Kind.Video,
    attachedElements: [] as HTMLMediaElement[],
  });
  return track as typeof track & RemoteTrack;
}

/** Puts a participant publishing one video (muted or not) into `room`. */
function publishVideo(room: ReturnType<typeof offlineRoom>['room'], isMuted = false) {
  const track = fakeVideoTrack();
  const publication = { isMuted, track: undefined as RemoteTrack | undefined };
  room.remoteParticipants.set('host', {
    videoTrackPublications: new Map([['TR_1', publication]]),
  } as never);
  return { track, publication };
}

describe('watchFirstPicture', () => {
  it('says shown once connected when nobody sends video', () => {
    const { room, setState } = offlineRoom();
    const onShown = vi.fn();
    watchFirstPicture(room, onShown);
    setState(ConnectionState.Connecting);
    expect(onShown).not.toHaveBeenCalled();
    setState(ConnectionState.Connected);
    expect(onShown).toHaveBeenCalledOnce();
  });

  it('waits for the first frame on screen when someone sends video, not for "connected"', () => {
    const { room, setState } = offlineRoom();
    const { track } = publishVideo(room);
    const onShown = vi.fn();
    watchFirstPicture(room, onShown);
    setState(ConnectionState.Connected);
    room.emit(RoomEvent.TrackSubscribed, track, {} as never, {} as never);
    const { element, present } = presentableVideo();
    track.attachedElements.push(element);
    track.emit(TrackEvent.VideoPlaybackStarted);
    // Playing is decoded; shown is the next frame presented.
    expect(onShown).not.toHaveBeenCalled();
    present();
    expect(onShown).toHaveBeenCalledOnce();
    // Once: later tracks and states change nothing.
    setState(ConnectionState.Connected);
    expect(onShown).toHaveBeenCalledOnce();
  });

  it("counts a frame of any of the track's elements, one attached after it played too", () => {
    const { room } = offlineRoom();
    const { track } = publishVideo(room);
    const onShown = vi.fn();
    watchFirstPicture(room, onShown);
    room.emit(RoomEvent.TrackSubscribed, track, {} as never, {} as never);
    // The stage's early video plays, then leaves before presenting (its tile's took over).
    const early = presentableVideo();
    track.attachedElements.push(early.element);
    track.emit(TrackEvent.VideoPlaybackStarted);
    const tile = presentableVideo();
    track.attachedElements.push(tile.element);
    track.emit(TrackEvent.ElementAttached, tile.element);
    track.attachedElements.splice(0, 1);
    expect(onShown).not.toHaveBeenCalled();
    tile.present();
    expect(onShown).toHaveBeenCalledOnce();
    early.present();
    expect(onShown).toHaveBeenCalledOnce();
    expect(track.listenerCount(TrackEvent.ElementAttached)).toBe(0);
  });

  it('does not wait for a muted camera, and counts a video that cannot play as shown', () => {
    const muted = offlineRoom();
    publishVideo(muted.room, true);
    const onMuted = vi.fn();
    watchFirstPicture(muted.room, onMuted);
    muted.setState(ConnectionState.Connected);
    expect(onMuted).toHaveBeenCalledOnce();

    const refused = offlineRoom();
    const { track } = publishVideo(refused.room);
    const onRefused = vi.fn();
    watchFirstPicture(refused.room, onRefused);
    refused.room.emit(RoomEvent.TrackSubscribed, track, {} as never, {} as never);
    track.emit(TrackEvent.VideoPlaybackFailed);
    expect(onRefused).toHaveBeenCalledOnce();
  });

  it('counts a track that already plays when it starts watching, and stops when told', () => {
    const { room } = offlineRoom();
    const { track, publication } = publishVideo(room);
    const { element, present } = presentableVideo();
    Object.defineProperty(element, 'readyState', { value: 4 });
    track.attachedElements.push(element);
    publication.track = track;
    const onShown = vi.fn();
    watchFirstPicture(room, onShown);
    present();
    expect(onShown).toHaveBeenCalledOnce();

    const other = offlineRoom();
    const stopped = vi.fn();
    const listening = other.room.listenerCount(RoomEvent.TrackSubscribed);
    const stop = watchFirstPicture(other.room, stopped);
    stop();
    other.setState(ConnectionState.Connected);
    expect(stopped).not.toHaveBeenCalled();
    expect(other.room.listenerCount(RoomEvent.TrackSubscribed)).toBe(listening);
  });
});
