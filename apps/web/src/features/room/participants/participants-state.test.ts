import type { Participant } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import {
  handsReducer,
  noHands,
  participantRows,
  userIdOf,
  type LivePerson,
} from './participants-state.js';

function apiParticipant(identity: string, overrides: Partial<Participant> = {}): Participant {
  return {
    user_id: userIdOf(identity),
    identity,
    display_name: identity,
    role: 'viewer',
    connected: true,
    joined_at: null,
    left_at: null,
    hand_raised: false,
    ...overrides,
  };
}

const person = (identity: string, role?: string, name?: string): LivePerson => ({
  identity,
  name,
  role,
  isLocal: false,
});

/** A hand raised or lowered over LiveKit at time `at`. */
const packet = (identity: string, raised: boolean, at: number) =>
  ({ type: 'packet', at, identity, raised }) as const;

describe('userIdOf', () => {
  it('takes the id after the kind', () => {
    expect(userIdOf('user:42')).toBe('42');
    expect(userIdOf('guest:abc')).toBe('abc');
  });
});

describe('handsReducer', () => {
  it('takes hands from the API list, then follows live packets', () => {
    let state = handsReducer(noHands, {
      type: 'list',
      requestedAt: 100,
      participants: [apiParticipant('user:1', { hand_raised: true })],
    });
    expect(state.raised.get('user:1')?.raised).toBe(true);
    state = handsReducer(state, packet('user:1', false, 200));
    expect(state.raised.get('user:1')?.raised).toBe(false);
  });

  it('does not let a list requested before a packet undo it', () => {
    let state = handsReducer(noHands, packet('user:1', true, 200));
    state = handsReducer(state, {
      type: 'list',
      requestedAt: 150,
      participants: [apiParticipant('user:1', { hand_raised: false })],
    });
    expect(state.raised.get('user:1')?.raised).toBe(true);
  });
});

describe('participantRows', () => {
  it('lists who LiveKit has connected, with the live role attribute over the API role', () => {
    const rows = participantRows(
      [person('user:1', 'speaker', 'Ada'), person('guest:2', undefined, 'Bo')],
      [apiParticipant('user:1', { role: 'viewer' }), apiParticipant('user:9')],
      noHands,
    );
    expect(rows.map((row) => [row.userId, row.role, row.name])).toEqual([
      ['1', 'speaker', 'Ada'],
      ['2', 'viewer', 'Bo'],
    ]);
  });

  it('puts the host first and raised hands first within a role', () => {
    const hands = handsReducer(noHands, packet('user:3', true, 1));
    const rows = participantRows(
      [
        person('user:2', 'viewer', 'Ann'),
        person('user:3', 'viewer', 'Zed'),
        person('user:1', 'host', 'Host'),
      ],
      [],
      hands,
    );
    expect(rows.map((row) => row.userId)).toEqual(['1', '3', '2']);
    expect(rows[1]?.handRaised).toBe(true);
  });
});
