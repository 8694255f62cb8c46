import { describe, expect, it } from 'vitest';
import { mediaConnectFailure } from './media-failure.js';

describe('mediaConnectFailure', () => {
  it('blames the media path, with the timeout, when LiveKit answered the join but offered no TURN', () => {
    // LiveKit's defaults with TURN off: public STUN servers only, useless to a blocked client.
    const stunOnly = [{ urls: ['stun:global.stun.twilio.com:3478'] }];
    expect(mediaConnectFailure(stunOnly, 10_000)).toEqual({
      reason: 'media_ice_failed',
      values: { seconds: 10 },
    });
    expect(mediaConnectFailure([], 8_000)).toEqual({
      reason: 'media_ice_failed',
      values: { seconds: 8 },
    });
  });

  it('says the TURN relays did not help either when the server offered them', () => {
    const turn = [
      {
        urls: ['turn:203.0.113.7:3478?transport=udp', 'turns:turn.example.com:443?transport=tcp'],
        username: 'u',
        credential: 'p',
      },
    ];
    expect(mediaConnectFailure(turn, 10_000)).toEqual({
      reason: 'media_ice_failed_turn',
      values: { seconds: 10 },
    });
  });

  it('does not guess when LiveKit never answered the join', () => {
    expect(mediaConnectFailure(undefined, 10_000)).toEqual({ reason: 'media_unreachable' });
  });
});
