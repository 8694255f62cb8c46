import { DisconnectReason } from 'livekit-client';
import type { ErrorReason, JoinResponse } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { RoomConnectionError } from '../../livekit/index.js';
import {
  initialRoomPageState,
  MAX_REJOIN_ATTEMPTS,
  rejoinDelay,
  roomPageReducer,
  screenForError,
  sessionScreen,
  type RoomPageEvent,
  type RoomPageState,
} from './room-state.js';
import { fakeSession } from './testing/fake-api.js';

const join: JoinResponse = {
  session_id: 's1',
  access_token: 'token',
  server_url: 'ws://livekit.test',
  identity: 'user:u1',
  role: 'viewer',
  can_publish: false,
  can_subscribe: true,
  message: 'joined as viewer',
};

const session = fakeSession;

const forbidden = (reason?: ErrorReason) => new ApiError(403, 'FORBIDDEN', 'no', {}, reason);
const conflict = (reason?: ErrorReason, details?: unknown) =>
  new ApiError(409, 'CONFLICT', 'no', details, reason);

function run(events: RoomPageEvent[], from: RoomPageState = initialRoomPageState) {
  return events.reduce(roomPageReducer, from);
}

describe('screenForError', () => {
  it('shows the private page for a session read without an invite', () => {
    expect(screenForError(forbidden(), 'load')).toEqual({ kind: 'private' });
  });

  it('tells a banned person they were removed, and an uninvited one that it is private', () => {
    expect(screenForError(forbidden('banned'), 'join')).toEqual({ kind: 'removed' });
    expect(screenForError(forbidden('invite_required'), 'join')).toEqual({ kind: 'private' });
    expect(screenForError(forbidden('invite_expired'), 'join')).toEqual({ kind: 'private' });
    expect(screenForError(forbidden('guests_disabled'), 'join')).toEqual({ kind: 'forbidden' });
    expect(screenForError(forbidden(), 'join')).toEqual({ kind: 'forbidden' });
  });

  it('reads full, ended and not-live-yet from the reason, the countdown from the details', () => {
    expect(screenForError(conflict('full', { status: 'live' }), 'join')).toEqual({
      kind: 'full',
    });
    expect(
      screenForError(conflict('ended', { status: 'ended', scheduled_at: null }), 'join'),
    ).toEqual({
      kind: 'ended',
    });
    expect(
      screenForError(
        conflict('not_live', { status: 'scheduled', scheduled_at: '2030-01-01T10:00:00Z' }),
        'join',
      ),
    ).toEqual({ kind: 'not_live', scheduledAt: '2030-01-01T10:00:00Z' });
    expect(screenForError(conflict('not_live', { status: 'scheduled' }), 'join')).toEqual({
      kind: 'not_live',
      scheduledAt: null,
    });
  });

  it('retries a conflict it has no reason for', () => {
    expect(screenForError(conflict(undefined, { status: 'live' }), 'join')).toBeUndefined();
  });

  it('maps a missing session and an expired sign-in', () => {
    expect(screenForError(new ApiError(404, 'NOT_FOUND', 'no'), 'load')).toEqual({
      kind: 'not_found',
    });
    expect(screenForError(new ApiError(401, 'UNAUTHENTICATED', 'no'), 'join')).toEqual({
      kind: 'sign_in',
    });
  });

  it('looks through a connection error to the API refusal that caused it', () => {
    const error = new RoomConnectionError('connection_details', forbidden('banned'));
    expect(screenForError(error, 'join')).toEqual({ kind: 'removed' });
  });

  it('leaves passing trouble to be retried', () => {
    expect(screenForError(new ApiError(0, 'NETWORK', 'offline'), 'join')).toBeUndefined();
    expect(
      screenForError(new ApiError(503, 'DEPENDENCY_UNAVAILABLE', 'no'), 'join'),
    ).toBeUndefined();
    expect(screenForError(new ApiError(429, 'RATE_LIMITED', 'slow'), 'join')).toBeUndefined();
    expect(
      screenForError(new RoomConnectionError('connect', new Error('ws')), 'join'),
    ).toBeUndefined();
  });
});

describe('sessionScreen', () => {
  it('lets the host into a scheduled session and shows everyone else the countdown', () => {
    const scheduled = session({ status: 'scheduled', scheduled_at: '2030-01-01T10:00:00Z' });
    expect(sessionScreen(scheduled, undefined, true)).toBeUndefined();
    expect(sessionScreen(scheduled, undefined, false)).toEqual({
      kind: 'not_live',
      scheduledAt: '2030-01-01T10:00:00Z',
    });
  });

  it('shows the ended page for an ended session, even to its host', () => {
    expect(sessionScreen(session({ status: 'ended' }), undefined, true)).toEqual({ kind: 'ended' });
  });

  it('waits while loading and shows a failure page when loading failed for no clear reason', () => {
    expect(sessionScreen(undefined, undefined, false)).toBeUndefined();
    expect(sessionScreen(undefined, new ApiError(0, 'NETWORK', 'x'), false)).toEqual({
      kind: 'failed',
    });
  });
});

describe('roomPageReducer', () => {
  const inRoom = run([{ type: 'join_started' }, { type: 'joined', join }]);

  it('goes from the pre-join to the room on the first connection', () => {
    expect(inRoom).toEqual({ phase: 'room', join, connection: 0 });
  });

  it('shows why a join was refused, or keeps the pre-join with a retry hint', () => {
    expect(run([{ type: 'join_failed', error: forbidden('banned') }])).toEqual({
      phase: 'blocked',
      screen: { kind: 'removed' },
    });
    expect(
      run([{ type: 'join_failed', error: new ApiError(429, 'RATE_LIMITED', 'slow') }]),
    ).toEqual({ phase: 'prejoin', joining: false, problem: 'rate_limited' });
  });

  it('shows the removed screen after a kick and does not rejoin', () => {
    const state = run(
      [{ type: 'disconnected', connection: 0, reason: DisconnectReason.PARTICIPANT_REMOVED }],
      inRoom,
    );
    expect(state).toEqual({ phase: 'blocked', screen: { kind: 'removed' } });
    expect(run([{ type: 'rejoin_due' }], state)).toBe(state);
  });

  it('shows the ended screen when the room is closed', () => {
    expect(
      run([{ type: 'disconnected', connection: 0, reason: DisconnectReason.ROOM_DELETED }], inRoom),
    ).toEqual({ phase: 'blocked', screen: { kind: 'ended' } });
  });

  it('rejoins on a new connection after an unexpected disconnect, then settles', () => {
    const waiting = run([{ type: 'disconnected', connection: 0, reason: undefined }], inRoom);
    expect(waiting).toMatchObject({ connection: 0, rejoin: { attempt: 1, waiting: true } });
    const retrying = run([{ type: 'rejoin_due' }], waiting);
    expect(retrying).toMatchObject({ connection: 1, rejoin: { attempt: 1, waiting: false } });
    expect(run([{ type: 'connected', connection: 1 }], retrying)).toEqual({
      phase: 'room',
      join,
      connection: 1,
    });
  });

  it('counts a failed connect once even when it also reports a disconnect', () => {
    const failed = run(
      [
        { type: 'connect_failed', connection: 0, error: new RoomConnectionError('connect', 1) },
        { type: 'disconnected', connection: 0, reason: DisconnectReason.JOIN_FAILURE },
      ],
      inRoom,
    );
    expect(failed).toMatchObject({ rejoin: { attempt: 1, waiting: true } });
  });

  it('gives up after the last attempt', () => {
    let state = inRoom;
    for (let attempt = 1; attempt <= MAX_REJOIN_ATTEMPTS; attempt += 1) {
      const connection = (state as { connection: number }).connection;
      state = run(
        [{ type: 'disconnected', connection, reason: undefined }, { type: 'rejoin_due' }],
        state,
      );
    }
    const connection = (state as { connection: number }).connection;
    expect(run([{ type: 'disconnected', connection, reason: undefined }], state)).toEqual({
      phase: 'blocked',
      screen: { kind: 'failed' },
    });
  });

  it('stops rejoining when the API says the session ended meanwhile', () => {
    const error = new RoomConnectionError(
      'connection_details',
      conflict('ended', { status: 'ended' }),
    );
    const state = run(
      [
        { type: 'disconnected', connection: 0, reason: undefined },
        { type: 'rejoin_due' },
        { type: 'connect_failed', connection: 1, error },
      ],
      inRoom,
    );
    expect(state).toEqual({ phase: 'blocked', screen: { kind: 'ended' } });
  });

  it('does not take the dropped connection for the new one while waiting to rejoin', () => {
    const waiting = run([{ type: 'disconnected', connection: 0, reason: undefined }], inRoom);
    expect(run([{ type: 'connected', connection: 0 }], waiting)).toBe(waiting);
  });

  it('ignores events from a connection already replaced', () => {
    const retrying = run(
      [{ type: 'disconnected', connection: 0, reason: undefined }, { type: 'rejoin_due' }],
      inRoom,
    );
    expect(
      run(
        [{ type: 'disconnected', connection: 0, reason: DisconnectReason.ROOM_DELETED }],
        retrying,
      ),
    ).toBe(retrying);
  });

  it('keeps the newest join answer, whose role may have changed', () => {
    const promoted = { ...join, role: 'speaker' as const, can_publish: true };
    expect(run([{ type: 'refreshed', join: promoted }], inRoom)).toMatchObject({ join: promoted });
  });
});

describe('rejoinDelay', () => {
  it('backs off exponentially up to 15 seconds', () => {
    expect([1, 2, 3, 4, 5, 6].map(rejoinDelay)).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
  });
});
