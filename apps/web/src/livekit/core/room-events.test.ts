import { DisconnectReason } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { disconnectOutcome } from './room-events.js';

describe('disconnectOutcome', () => {
  it('never rejoins after a kick, a closed room or another tab taking over', () => {
    expect(disconnectOutcome(DisconnectReason.PARTICIPANT_REMOVED)).toBe('removed');
    expect(disconnectOutcome(DisconnectReason.ROOM_DELETED)).toBe('ended');
    expect(disconnectOutcome(DisconnectReason.DUPLICATE_IDENTITY)).toBe('duplicate');
  });

  it('ignores its own disconnects and rejoins after anything else', () => {
    expect(disconnectOutcome(DisconnectReason.CLIENT_INITIATED)).toBe('ignore');
    expect(disconnectOutcome(DisconnectReason.SERVER_SHUTDOWN)).toBe('rejoin');
    expect(disconnectOutcome(DisconnectReason.SIGNAL_CLOSE)).toBe('rejoin');
    expect(disconnectOutcome(undefined)).toBe('rejoin');
  });
});
