// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError } from '../features/room/testing/fake-api.js';
import type { FakeRoute } from '../features/room/testing/fake-api.js';
import { cleanUpAfterEach } from '../test-support/clean-up.js';
import { openAppAt } from '../test-support/open-app.js';

const mentor = { id: 'm1', email: 'ada@example.com', username: 'ada', role: 'mentor' as const };
const noSessions = { status: 200, body: { sessions: [], total: 0, page: 1, page_size: 50 } };

cleanUpAfterEach(vi.unstubAllGlobals);

/** The app's routes in memory at `url`, against a fake API (signed out unless told). */
function openApp(url: string, routes: Record<string, FakeRoute> = {}) {
  return openAppAt(url, {
    'GET /api/v1/auth/me': apiError(401, 'UNAUTHENTICATED'),
    'GET /api/v1/live/sessions': noSessions,
    ...routes,
  });
}

describe('app routes', () => {
  it('sends / to the plaza, which asks for the live and the scheduled sessions', async () => {
    const { router, calls } = openApp('/');
    await screen.findByRole('heading', { name: 'Plaza' });
    expect(router.state.location.pathname).toBe('/live');
    await screen.findByText('Nobody is live right now.');
    const lists = calls.filter((c) => c.path === '/api/v1/live/sessions');
    expect(lists).toHaveLength(2);
  });

  it('shows the not-found page for an unknown path, with the way back', async () => {
    openApp('/nowhere');
    await screen.findByText('This page does not exist.');
    fireEvent.click(screen.getByRole('link', { name: 'Back to the plaza' }));
    await screen.findByRole('heading', { name: 'Plaza' });
  });

  it('goes on to ?next= after signing in, and keeps it on the way to register', async () => {
    const signedIn = { status: 200, body: { user: mentor, token: 't' } };
    const { router, calls } = openApp('/login?next=%2Flive%2Fcreate', {
      'POST /api/v1/auth/login': signedIn,
    });
    const register = await screen.findByRole('link', { name: 'Create account' });
    expect(register.getAttribute('href')).toBe('/register?next=%2Flive%2Fcreate');
    fireEvent.change(screen.getByTestId('login-email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/live/create'));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      email: 'ada@example.com',
      password: 'secret',
    });
    await screen.findByTestId('create-title');
    expect(screen.getByTestId('signed-in-as').textContent).toBe('Signed in as ada');
  });

  it('does not follow a ?next= that leaves the site', async () => {
    const { router } = openApp('/login?next=%2F%2Fevil.example', {
      'POST /api/v1/auth/guest': { status: 201, body: { user: { ...mentor, role: 'guest' } } },
    });
    fireEvent.change(await screen.findByTestId('guest-form-name'), { target: { value: 'Bo' } });
    fireEvent.click(screen.getByTestId('guest-form-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/live'));
  });
});
