// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeSession, type FakeRoute } from './testing/fake-api.js';
import { offlineConnect, offlineRooms } from './testing/offline-livekit.js';
import { installRoomPageFakes, renderRoomPage, type RoomPageFakes } from './testing/room-page.js';

const S = '/api/v1/live/sessions/s1';
const signedOut = { 'GET /api/v1/auth/me': apiError(401, 'UNAUTHENTICATED') };
const viewer = { id: 'v1', email: null, username: 'Bo', role: 'guest' as const };
const owner = { id: 'owner', email: 'ada@example.com', username: 'ada', role: 'mentor' as const };

vi.mock('livekit-client', async (importOriginal) =>
  (await import('./testing/offline-livekit.js')).offlineLiveKit(await importOriginal()),
);

let fakes: RoomPageFakes;

beforeEach(() => {
  fakes = installRoomPageFakes();
});

afterEach(() => {
  offlineConnect.gate = undefined;
  fakes.uninstall();
  vi.restoreAllMocks();
});

const joinAs = (role: 'viewer' | 'host', identity: string) => ({
  status: 200,
  body: {
    session_id: 's1',
    access_token: 'token',
    server_url: 'ws://livekit.test',
    identity,
    role,
    can_publish: role !== 'viewer',
    can_subscribe: true,
    message: `joined as ${role}`,
  },
});

/** A signed-in guest, a live broadcast, and the answers its room asks for. */
const viewerInLiveSession = (): Record<string, FakeRoute> => ({
  'GET /api/v1/auth/me': { status: 200, body: { user: viewer } },
  [`GET ${S}`]: { status: 200, body: fakeSession() },
  [`POST ${S}/join`]: joinAs('viewer', 'guest:v1'),
  [`GET ${S}/chat`]: { status: 200, body: { messages: [], has_more: false } },
  [`GET ${S}/participants`]: { status: 200, body: { participants: [] } },
});

describe('RoomPage', () => {
  it('explains a private session opened without an invite', async () => {
    renderRoomPage({ ...signedOut, [`GET ${S}`]: apiError(403, 'FORBIDDEN') });
    const page = await screen.findByTestId('room-private');
    expect(page.textContent).toContain('ask the host for an invite link'.replace('ask', 'Ask'));
  });

  it('says when a session does not exist', async () => {
    renderRoomPage({ ...signedOut, [`GET ${S}`]: apiError(404, 'NOT_FOUND') });
    expect(await screen.findByTestId('room-not-found')).toBeDefined();
  });

  it('offers the attendance report on the ended screen to the host, and not to others', async () => {
    const ended = { status: 200, body: fakeSession({ status: 'ended' }) };
    renderRoomPage({
      'GET /api/v1/auth/me': { status: 200, body: { user: owner } },
      [`GET ${S}`]: ended,
    });
    await screen.findByTestId('room-ended');
    expect(screen.getByTestId('report-link').getAttribute('href')).toBe('/live/s1/report');
    fakes.uninstall();
    fakes = installRoomPageFakes();
    renderRoomPage({
      'GET /api/v1/auth/me': { status: 200, body: { user: viewer } },
      [`GET ${S}`]: ended,
    });
    await screen.findByTestId('room-ended');
    expect(screen.queryByTestId('report-link')).toBeNull();
  });

  it('shows a countdown to a scheduled session', async () => {
    const soon = new Date(Date.now() + 3_600_000 * 2).toISOString();
    renderRoomPage({
      ...signedOut,
      [`GET ${S}`]: { status: 200, body: fakeSession({ status: 'scheduled', scheduled_at: soon }) },
    });
    await screen.findByTestId('room-not-live');
    expect(screen.getByTestId('countdown').textContent).toMatch(/Starts in 1:59:\d\d/);
  });

  it('lets a guest in and joins a broadcast as a viewer without touching any device', async () => {
    let me: FakeRoute = apiError(401, 'UNAUTHENTICATED');
    const calls = renderRoomPage({
      'GET /api/v1/auth/me': () => (typeof me === 'function' ? me(undefined) : me),
      'POST /api/v1/auth/guest': () => {
        me = { status: 200, body: { user: viewer } };
        return { status: 200, body: { user: viewer } };
      },
      [`GET ${S}`]: { status: 200, body: fakeSession() },
      [`POST ${S}/join`]: joinAs('viewer', 'guest:v1'),
      [`GET ${S}/chat`]: { status: 200, body: { messages: [], has_more: false } },
      [`GET ${S}/participants`]: { status: 200, body: { participants: [] } },
    });

    fireEvent.change(await screen.findByTestId('guest-name-input'), { target: { value: 'Bo' } });
    fireEvent.click(screen.getByTestId('guest-enter'));
    const name = await screen.findByTestId<HTMLInputElement>('display-name-input');
    expect(name.value).toBe('Bo');
    expect(screen.queryByTestId('prejoin-camera')).toBeNull();

    fireEvent.click(screen.getByTestId('join-button'));
    await screen.findByTestId('stage');
    expect(calls.find((c) => c.path === `${S}/join`)?.body).toEqual({ display_name: 'Bo' });
    expect(screen.queryByTestId('toggle-camera')).toBeNull();
    expect(screen.getByTestId('raise-hand')).toBeDefined();

    fireEvent.click(screen.getByTestId('open-settings'));
    expect(await screen.findByRole('dialog', { name: 'Settings' })).toBeDefined();
    await act(async () => {});
    expect(fakes.devices.getUserMediaCalls).toEqual([]);
  });

  it('keeps the pre-join, joining, until LiveKit has connected, and then shows the room', async () => {
    let connected!: () => void;
    offlineConnect.gate = new Promise((resolve) => (connected = resolve));
    const calls = renderRoomPage(viewerInLiveSession());
    fireEvent.click(await screen.findByTestId('join-button'));
    await waitFor(() => expect(offlineRooms.at(-1)?.state).toBe('connecting'));
    await act(async () => {});
    // The handshake has the main thread to itself: no room view yet.
    expect(calls.filter((c) => c.path === `${S}/join`)).toHaveLength(1);
    expect(screen.queryByTestId('stage')).toBeNull();
    expect(screen.getByTestId<HTMLButtonElement>('join-button').disabled).toBe(true);
    connected();
    await screen.findByTestId('stage');
    // The provider took the connected room over: no second join, no second room.
    expect(calls.filter((c) => c.path === `${S}/join`)).toHaveLength(1);
    expect(offlineRooms.at(-1)?.state).toBe('connected');
  });

  it('gives a promoted viewer the media controls without rejoining', async () => {
    const calls = renderRoomPage(viewerInLiveSession());
    fireEvent.click(await screen.findByTestId('join-button'));
    await screen.findByTestId('raise-hand');
    // The role is read from attribute events once connected: emit it after that, as LiveKit does.
    await waitFor(() => expect(offlineRooms[0]!.state).toBe('connected'));
    await waitFor(() => expect(screen.queryByText('Connecting…')).toBeNull());

    const local = offlineRooms[0]!.localParticipant;
    act(() => {
      (local as unknown as { _attributes: Record<string, string> })._attributes = {
        role: 'speaker',
      };
      local.emit('attributesChanged', { role: 'speaker' });
    });

    expect(await screen.findByTestId('toggle-camera')).toBeDefined();
    expect(screen.getByTestId('toggle-microphone').getAttribute('aria-pressed')).toBe('false');
    expect(calls.filter((c) => c.path === `${S}/join`)).toHaveLength(1);
  });

  it('tells someone who was kicked that they were removed', async () => {
    renderRoomPage({
      'GET /api/v1/auth/me': { status: 200, body: { user: viewer } },
      [`GET ${S}`]: { status: 200, body: fakeSession() },
      [`POST ${S}/join`]: apiError(403, 'FORBIDDEN', 'banned'),
    });
    fireEvent.click(await screen.findByTestId('join-button'));
    expect(await screen.findByTestId('room-removed')).toBeDefined();
  });

  it('lets the host into a scheduled session with a device preview', async () => {
    renderRoomPage({
      'GET /api/v1/auth/me': { status: 200, body: { user: owner } },
      [`GET ${S}`]: { status: 200, body: fakeSession({ status: 'scheduled' }) },
    });
    expect(await screen.findByTestId('prejoin-camera')).toBeDefined();
    await waitFor(() => expect(fakes.devices.getUserMediaCalls.length).toBeGreaterThan(0));
    expect(screen.getByTestId('join-button')).toBeDefined();
  });
});
