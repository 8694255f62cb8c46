// @vitest-environment happy-dom
import { createElement } from 'react';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appRoutes } from '../../app/routes.js';
import { renderInApp } from '../../test-support/render-in-app.js';
import { apiError, fakeSession, installFakeApi, type FakeRoute } from '../room/testing/fake-api.js';
import { installRoomPageFakes, type RoomPageFakes } from '../room/testing/room-page.js';

vi.mock('livekit-client', async (importOriginal) =>
  (await import('../room/testing/offline-livekit.js')).offlineLiveKit(await importOriginal()),
);

const HOST = 'https://school.example.com';
const S = '/api/v1/live/sessions/s1';
const guest = { id: 'g1', email: null, username: 'Bo', role: 'guest' as const };
const envelope = { source: 'stagecast', version: 1 } as const;

/** The host page: the window framing the room, recording what the room posts to it. */
const parent = { postMessage: vi.fn() };
let fakes: RoomPageFakes;

beforeEach(() => {
  fakes = installRoomPageFakes();
  parent.postMessage.mockClear();
  Object.defineProperty(window, 'parent', { configurable: true, get: () => parent });
});

afterEach(() => {
  fakes.uninstall();
  Reflect.deleteProperty(window, 'parent');
});

/** `/embed/s1` framed by the host page, against a fake API with `EMBED_ORIGINS` = HOST. */
function openEmbed(routes: Record<string, FakeRoute>) {
  const calls = installFakeApi({
    'GET /api/v1/embed/options': { status: 200, body: { origins: [HOST] } },
    ...routes,
  });
  const router = createMemoryRouter(appRoutes, { initialEntries: ['/embed/s1'] });
  renderInApp(createElement(RouterProvider, { router }));
  return calls;
}

/** The events posted so far, as `[event, data]`, each to HOST only. */
function events() {
  for (const [, origin] of parent.postMessage.mock.calls) expect(origin).toBe(HOST);
  return parent.postMessage.mock.calls.map(([message]) => {
    const { event, data } = message as { event: string; data: Record<string, unknown> };
    return [event, data] as const;
  });
}

const fromHost = (data: unknown, origin = HOST) =>
  act(async () => {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source: parent as never }));
  });

describe('the embedded room page', () => {
  it('shows the room without the site’s header, says ready, and offers guests no sign-in page', async () => {
    openEmbed({
      'GET /api/v1/auth/me': apiError(401, 'UNAUTHENTICATED'),
      [`GET ${S}`]: { status: 200, body: fakeSession() },
    });
    await screen.findByTestId('guest-name-input');
    expect(screen.queryByTestId('signed-in-as')).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Sign in' })).toBeNull();
    expect(screen.getByTestId('check-link').getAttribute('target')).toBe('_blank');
    expect(events()).toEqual([['ready', { session_id: 's1' }]]);
  });

  it('joins, says joined, leaves on the host page’s command and says left', async () => {
    const calls = openEmbed({
      'GET /api/v1/auth/me': { status: 200, body: { user: guest } },
      [`GET ${S}`]: { status: 200, body: fakeSession() },
      [`POST ${S}/join`]: {
        status: 200,
        body: {
          session_id: 's1',
          access_token: 'token',
          server_url: 'ws://livekit.test',
          identity: 'guest:g1',
          role: 'viewer',
          can_publish: false,
          can_subscribe: true,
          message: 'joined as viewer',
        },
      },
      [`GET ${S}/participants`]: { status: 200, body: { participants: [] } },
      [`GET ${S}/chat`]: { status: 200, body: { messages: [], has_more: false } },
    });
    await waitFor(() => expect(events().length).toBe(1));
    // Before the room, leaving is nothing the room can do yet.
    await fromHost({ ...envelope, command: 'leave' });
    expect(events()[1]).toEqual([
      'error',
      { session_id: 's1', code: 'unavailable', command: 'leave' },
    ]);

    fireEvent.click(await screen.findByTestId('join-button'));
    await waitFor(() =>
      expect(events()).toContainEqual([
        'joined',
        { session_id: 's1', identity: 'guest:g1', role: 'viewer' },
      ]),
    );
    expect(calls.some((c) => c.method === 'POST' && c.path === `${S}/join`)).toBe(true);

    // A viewer does not publish: the toggles are not there to be used.
    await fromHost({ ...envelope, command: 'toggle-camera' });
    expect(events().at(-1)).toEqual([
      'error',
      { session_id: 's1', code: 'unavailable', command: 'toggle-camera' },
    ]);
    // Commands from another page, or that are not ours, change nothing.
    await fromHost({ ...envelope, command: 'leave' }, 'https://evil.example');
    await fromHost({ command: 'leave' });
    expect(screen.getByTestId('leave')).toBeDefined();

    await fromHost({ ...envelope, command: 'leave' });
    await screen.findByTestId('room-left');
    expect(events().at(-1)).toEqual(['left', { session_id: 's1' }]);
    expect(screen.queryByRole('link', { name: 'Back to the plaza' })).toBeNull();
  });

  it('says ended for a session that is over', async () => {
    openEmbed({
      'GET /api/v1/auth/me': { status: 200, body: { user: guest } },
      [`GET ${S}`]: { status: 200, body: fakeSession({ status: 'ended' }) },
    });
    await screen.findByTestId('room-ended');
    await waitFor(() =>
      expect(events()).toEqual([
        ['ready', { session_id: 's1' }],
        ['ended', { session_id: 's1' }],
      ]),
    );
  });

  it('talks to nobody when EMBED_ORIGINS is empty, and still shows the room', async () => {
    openEmbed({
      'GET /api/v1/embed/options': { status: 200, body: { origins: [] } },
      'GET /api/v1/auth/me': apiError(401, 'UNAUTHENTICATED'),
      [`GET ${S}`]: { status: 200, body: fakeSession() },
    });
    await screen.findByTestId('guest-name-input');
    await fromHost({ ...envelope, command: 'leave' });
    expect(parent.postMessage).not.toHaveBeenCalled();
  });
});
