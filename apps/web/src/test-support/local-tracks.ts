import {
  LocalAudioTrack,
  LocalTrackPublication,
  LocalVideoTrack,
  ParticipantEvent,
  Track,
  type Room,
} from 'livekit-client';
import { FakeMediaStreamTrack } from './fake-media-stream-track.js';

type TrackInfo = ConstructorParameters<typeof LocalTrackPublication>[1];

/**
 * Adds a real LocalAudioTrack or LocalVideoTrack (over a fake browser track) to the room's
 * local participant as if it had been published, without a server: the participant holds the
 * publication and emits `LocalTrackPublished`, as after a real publish.
 */
export function addLocalTrack<S extends Track.Source.Microphone | Track.Source.Camera>(
  room: Room,
  source: S,
): S extends Track.Source.Microphone ? LocalAudioTrack : LocalVideoTrack {
  const audio = source === Track.Source.Microphone;
  const browserTrack = new FakeMediaStreamTrack(audio ? 'audio' : 'video').asTrack();
  // Not user-provided, as when livekit-client captures it: muting a camera then stops it.
  const track = audio
    ? new LocalAudioTrack(browserTrack, undefined, false)
    : new LocalVideoTrack(browserTrack, undefined, false);
  track.source = source;
  const info = {
    sid: `TR_${source}`,
    name: source,
    source: Track.sourceToProto(source),
    mimeType: audio ? 'audio/opus' : 'video/vp8',
    width: 0,
    height: 0,
    simulcast: false,
    encryption: 0,
  } as unknown as TrackInfo;
  const publication = new LocalTrackPublication(track.kind, info, track);
  // Protected in the typings; the SDK calls it itself after a publish.
  (
    room.localParticipant as unknown as { addTrackPublication(p: LocalTrackPublication): void }
  ).addTrackPublication(publication);
  room.localParticipant.emit(ParticipantEvent.LocalTrackPublished, publication);
  return track as S extends Track.Source.Microphone ? LocalAudioTrack : LocalVideoTrack;
}
