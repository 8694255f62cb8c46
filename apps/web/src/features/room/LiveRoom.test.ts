// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DisconnectReason, Track } from 'livekit-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addLocalTrack } from '../../test-support/local-tracks.js';
import {
  apiError,
  fakeChatMessage,
  fakeHostJoin,
  fakeSession,
  type FakeRoute,
} from './testing/fake-api.js';
import {
  addRemoteParticipant,
  disconnectFromServer,
  offlineRooms,
  receiveData,
} from './testing/offline-livekit.js';
import { installRoomPageFakes, renderRoomPage, type RoomPageFakes } from './testing/room-page.js';
import { TrackList } from '../../livekit/testing/track-list.js';

vi.mock('livekit-client', async (importOriginal) =>
  (await import('./testing/offline-livekit.js')).offlineLiveKit(await importOriginal()),
);

const S = '/api/v1/live/sessions/s1';
const owner = { id: 'owner', email: 'ada@example.com', username: 'ada', role: 'mentor' as const };

let fakes: RoomPageFakes;

beforeEach(() => {
  fakes = installRoomPageFakes();
});

afterEach(() => {
  fakes.uninstall();
});

/** Renders the page as the host, joins with the camera and microphone off, returns the API log. */
async function joinAsHost(extra: Record<string, FakeRoute> = {}) {
  const calls = renderRoomPage({
    'GET /api/v1/auth/me': { status: 200, body: { user: owner } },
    [`GET ${S}`]: { status: 200, body: fakeSession() },
    [`POST ${S}/join`]: fakeHostJoin,
    [`GET ${S}/chat`]: {
      status: 200,
      body: { messages: [fakeChatMessage('m1', { text: '<b>hi</b>' })], has_more: false },
    },
    [`GET ${S}/participants`]: { status: 200, body: { participants: [] } },
    [`GET ${S}/polls`]: { status: 200, body: { polls: [] } },
    [`GET ${S}/questions`]: { status: 200, body: { questions: [] } },
    ...extra,
  });
  fireEvent.click(await screen.findByTestId('prejoin-camera'));
  fireEvent.click(screen.getByTestId('prejoin-microphone'));
  fireEvent.click(screen.getByTestId('join-button'));
  await screen.findByTestId('stage');
  const room = offlineRooms.at(-1)!;
  await waitFor(() => expect(screen.queryByText('Connecting…')).toBeNull());
  expect(room.state).toBe('connected');
  return { calls, room };
}

describe('the live room', () => {
  it('shows the history and live messages once each, as plain text', async () => {
    const { room } = await joinAsHost();
    await screen.findByText('<b>hi</b>');
    act(() => {
      receiveData(room, 'chat', {
        type: 'message',
        message: fakeChatMessage('m2', { text: 'second', second: '02' }),
      });
      receiveData(room, 'chat', {
        type: 'message',
        message: fakeChatMessage('m2', { text: 'second', second: '02' }),
      });
    });
    const texts = screen.getAllByTestId('chat-text').map((element) => element.textContent);
    expect(texts).toEqual(['<b>hi</b>', 'second']);
    expect(screen.getAllByTestId('chat-message')[0]!.querySelector('b')).toBeNull();
  });

  it('sends chat with a client message id and lets the host delete a message', async () => {
    const { calls } = await joinAsHost({
      [`POST ${S}/chat`]: {
        status: 201,
        body: { message: fakeChatMessage('m3', { text: 'hello all', second: '03' }) },
      },
      [`DELETE ${S}/chat/m1`]: { status: 204 },
    });
    fireEvent.change(screen.getByTestId('chat-input'), { target: { value: 'hello all' } });
    fireEvent.click(screen.getByTestId('chat-send'));
    await screen.findByText('hello all');
    const sent = calls.find((call) => call.method === 'POST' && call.path === `${S}/chat`);
    expect(sent?.body).toMatchObject({ text: 'hello all', client_message_id: expect.any(String) });

    fireEvent.click(screen.getAllByTestId('chat-delete')[0]!);
    await waitFor(() => expect(screen.queryByText('<b>hi</b>')).toBeNull());
  });

  it('shows the host a raised hand live, then promotes and, after confirming, kicks', async () => {
    const { room, calls } = await joinAsHost({
      [`PATCH ${S}/participants/g1`]: { status: 200, body: {} },
      [`POST ${S}/participants/g1/kick`]: { status: 200, body: {} },
    });
    act(() => addRemoteParticipant(room, 'guest:g1', 'Bo', 'viewer'));
    const row = await screen.findByTestId('participant-g1');
    act(() => receiveData(room, 'hand', { identity: 'guest:g1', raised: true }));
    expect(within(row).getByTestId('hand-g1')).toBeDefined();

    fireEvent.click(within(row).getByTestId('promote-g1'));
    await waitFor(() =>
      expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ role: 'speaker' }),
    );

    const kick = within(row).getByTestId<HTMLButtonElement>('kick-g1');
    await waitFor(() => expect(kick.disabled).toBe(false));
    fireEvent.click(kick);
    expect(calls.some((call) => call.path.endsWith('/kick'))).toBe(false);
    fireEvent.click(await screen.findByTestId('confirm-ok'));
    await waitFor(() => expect(calls.some((call) => call.path.endsWith('/kick'))).toBe(true));
  });

  it('puts the camera on the stage, marked with its source and whose it is', async () => {
    vi.stubGlobal('MediaStream', TrackList);
    const { room } = await joinAsHost();
    room.localParticipant.identity = 'user:owner';
    act(() => {
      addLocalTrack(room, Track.Source.Camera);
    });
    const video = await waitFor(() => {
      const found = document.querySelector('video[data-lk-source="camera"]');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(video.getAttribute('data-identity')).toBe('user:owner');
    // The track itself is attached, not only a video element in place for it.
    await waitFor(() => expect((video as HTMLVideoElement).srcObject).not.toBeNull());
    expect(screen.getByTestId('toggle-camera').getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the removed screen after a kick and does not rejoin', async () => {
    const { room, calls } = await joinAsHost();
    act(() => disconnectFromServer(room, DisconnectReason.PARTICIPANT_REMOVED));
    expect(await screen.findByTestId('room-removed')).toBeDefined();
    expect(calls.filter((call) => call.path === `${S}/join`)).toHaveLength(1);
  });

  it('shows the ended screen when the room is closed', async () => {
    const { room } = await joinAsHost();
    act(() => disconnectFromServer(room, DisconnectReason.ROOM_DELETED));
    expect(await screen.findByTestId('room-ended')).toBeDefined();
  });

  it('rejoins with a fresh token from the API after an unexpected disconnect', async () => {
    const { room, calls } = await joinAsHost();
    act(() => disconnectFromServer(room, DisconnectReason.SIGNAL_CLOSE));
    expect(screen.getByTestId('reconnecting-banner')).toBeDefined();
    await waitFor(() => expect(offlineRooms.length).toBe(2), { timeout: 3000 });
    await waitFor(() => expect(screen.queryByTestId('reconnecting-banner')).toBeNull());
    expect(calls.filter((call) => call.path === `${S}/join`)).toHaveLength(2);
  });

  it('stops rejoining when the session ended meanwhile', async () => {
    let joins = 0;
    const { room } = await joinAsHost({
      [`POST ${S}/join`]: () =>
        (joins += 1) === 1 ? fakeHostJoin : apiError(409, 'CONFLICT', 'ended', { status: 'ended' }),
    });
    act(() => disconnectFromServer(room, DisconnectReason.SIGNAL_CLOSE));
    expect(await screen.findByTestId('room-ended', {}, { timeout: 3000 })).toBeDefined();
  });
});

describe('the waiting room switch in the room header', () => {
  it('turns the session’s waiting room on and off through the session update, for the host', async () => {
    const { calls } = await joinAsHost({
      [`PATCH ${S}`]: (body) => ({
        status: 200,
        body: fakeSession({ waiting_room: (body as { waiting_room: boolean }).waiting_room }),
      }),
    });
    const toggle = screen.getByRole('button', { name: 'Waiting room' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('true'));
    expect(toggle.getAttribute('title')).toBe('On: people wait until a host lets them in');
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-pressed')).toBe('false'));
    expect(calls.filter((call) => call.method === 'PATCH')).toEqual([
      { method: 'PATCH', path: S, body: { waiting_room: true } },
      { method: 'PATCH', path: S, body: { waiting_room: false } },
    ]);
  });

  it('says so when the change is refused, and keeps the old state', async () => {
    await joinAsHost({ [`PATCH ${S}`]: apiError(403, 'FORBIDDEN', 'not_owner') });
    const toggle = screen.getByRole('button', { name: 'Waiting room' });
    fireEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The waiting room could not be changed. Try again.',
    );
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
  });

  it('is not offered to a co-host: only the owner (or an admin) may update the session', async () => {
    const cora = { id: 'cora', email: 'cora@example.com', username: 'cora', role: 'mentor' };
    // A meeting, so that Cora (not the owner) publishes and passes the same pre-join.
    await joinAsHost({
      'GET /api/v1/auth/me': { status: 200, body: { user: cora } },
      [`GET ${S}`]: { status: 200, body: fakeSession({ session_type: 'meeting' }) },
      [`POST ${S}/join`]: {
        status: 200,
        body: { ...(fakeHostJoin.body as object), identity: 'user:cora', role: 'co_host' },
      },
      [`GET ${S}/lobby`]: { status: 200, body: { waiting: [] } },
    });
    expect(screen.getByText('You: Co-host')).toBeDefined();
    expect(screen.queryByTestId('toggle-waiting-room')).toBeNull();
  });
});
