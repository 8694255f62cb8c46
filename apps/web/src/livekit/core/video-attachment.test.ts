// @vitest-environment happy-dom
import { ParticipantEvent, Room, Track } from 'livekit-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addLocalTrack } from '../../test-support/local-tracks.js';
import { attachParticipantVideo } from './video-attachment.js';
import { TrackList } from '../testing/track-list.js';

afterEach(() => vi.unstubAllGlobals());

describe('attachParticipantVideo', () => {
  it("attaches the video the moment it arrives, from LiveKit's own event, then detaches when stopped", () => {
    vi.stubGlobal('MediaStream', TrackList);
    const room = new Room();
    const element = document.createElement('video');
    const stop = attachParticipantVideo(room.localParticipant, Track.Source.Camera, element);
    expect(element.srcObject).toBeNull();

    // No render in between: the publish event alone attaches it.
    const track = addLocalTrack(room, Track.Source.Camera);
    expect(track.attachedElements).toContain(element);

    stop();
    expect(track.attachedElements).not.toContain(element);
    // Stopped means stopped: later events attach nothing.
    room.localParticipant.emit(
      ParticipantEvent.LocalTrackPublished,
      room.localParticipant.getTrackPublication(Track.Source.Camera)!,
    );
    expect(track.attachedElements).not.toContain(element);
  });

  it('attaches a video already there, and never an audio track', () => {
    vi.stubGlobal('MediaStream', TrackList);
    const room = new Room();
    const camera = addLocalTrack(room, Track.Source.Camera);
    const microphone = addLocalTrack(room, Track.Source.Microphone);
    const video = document.createElement('video');
    const other = document.createElement('video');
    const stopVideo = attachParticipantVideo(room.localParticipant, Track.Source.Camera, video);
    const stopOther = attachParticipantVideo(room.localParticipant, Track.Source.Microphone, other);
    expect(camera.attachedElements).toEqual([video]);
    expect(microphone.attachedElements).toEqual([]);
    stopVideo();
    stopOther();
  });
});
