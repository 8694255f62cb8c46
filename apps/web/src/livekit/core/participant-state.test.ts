import { EventEmitter } from 'events';
import { ConnectionQuality, ParticipantEvent, Track, type Participant } from 'livekit-client';
import { describe, expect, it, vi } from 'vitest';
import {
  onParticipantState,
  parseParticipantState,
  participantStateKey,
} from './participant-state.js';

/** A participant as far as the state reads it: speaking, quality, publications, events. */
function fakeParticipant() {
  const publications = new Map<Track.Source, { isMuted: boolean }>();
  const participant = Object.assign(new EventEmitter(), {
    isSpeaking: false,
    connectionQuality: ConnectionQuality.Unknown,
    getTrackPublication: (source: Track.Source) => publications.get(source),
  });
  return { participant: participant as typeof participant & Participant, publications };
}

const stateOf = (participant: Participant, source = Track.Source.Camera) =>
  parseParticipantState(participantStateKey(participant, source));

describe('participant state', () => {
  it('counts a source with no publication as muted, like useIsMuted', () => {
    const { participant } = fakeParticipant();
    expect(stateOf(participant)).toEqual({
      speaking: false,
      videoMuted: true,
      micMuted: true,
      quality: 'unknown',
    });
  });

  it('reads the tile’s own source and the microphone apart', () => {
    const { participant, publications } = fakeParticipant();
    publications.set(Track.Source.Camera, { isMuted: false });
    publications.set(Track.Source.Microphone, { isMuted: true });
    participant.isSpeaking = true;
    participant.connectionQuality = ConnectionQuality.Poor;
    expect(stateOf(participant)).toEqual({
      speaking: true,
      videoMuted: false,
      micMuted: true,
      quality: 'poor',
    });
    expect(stateOf(participant, Track.Source.ScreenShare).videoMuted).toBe(true);
  });

  it('keeps the same key while nothing it shows changed', () => {
    const { participant, publications } = fakeParticipant();
    const before = participantStateKey(participant, Track.Source.Camera);
    publications.set(Track.Source.ScreenShare, { isMuted: false });
    expect(participantStateKey(participant, Track.Source.Camera)).toBe(before);
    publications.set(Track.Source.Camera, { isMuted: false });
    expect(participantStateKey(participant, Track.Source.Camera)).not.toBe(before);
  });

  it('calls back on speaking, mute and quality events until stopped', () => {
    const { participant } = fakeParticipant();
    const changed = vi.fn();
    const stop = onParticipantState(participant, changed);
    participant.emit(ParticipantEvent.IsSpeakingChanged, true);
    participant.emit(ParticipantEvent.TrackMuted);
    participant.emit(ParticipantEvent.ConnectionQualityChanged, ConnectionQuality.Good);
    participant.emit(ParticipantEvent.ParticipantMetadataChanged);
    expect(changed).toHaveBeenCalledTimes(3);
    stop();
    participant.emit(ParticipantEvent.TrackUnmuted);
    expect(changed).toHaveBeenCalledTimes(3);
    expect(participant.listenerCount(ParticipantEvent.TrackUnmuted)).toBe(0);
  });
});
