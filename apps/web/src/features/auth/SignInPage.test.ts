// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AuthOptions } from '@stagecast/contracts';
import { apiError } from '../room/testing/fake-api.js';
import { cleanUpAfterEach } from '../../test-support/clean-up.js';
import { openAppAt } from '../../test-support/open-app.js';

cleanUpAfterEach(vi.unstubAllGlobals);

const school = { name: 'School account', start_url: '/auth/oidc/start' };

/** The app at `url`, signed out, on a server that answers `options` for its sign-in options. */
function openApp(url: string, options: AuthOptions) {
  openAppAt(url, {
    'GET /api/v1/auth/me': apiError(401, 'UNAUTHENTICATED'),
    'GET /api/v1/auth/options': { status: 200, body: options },
  });
}

describe('the sign-in page with an OpenID provider', () => {
  it('offers "Sign in with …" carrying ?next=, next to email and password', async () => {
    openApp('/login?next=%2Flive%2F5d6c', { password: true, guests: true, oidc: school });
    const button = await screen.findByRole('link', { name: 'Sign in with School account' });
    expect(button.getAttribute('href')).toBe('/auth/oidc/start?next=%2Flive%2F5d6c');
    expect(screen.getByTestId('login-email')).toBeTruthy();
    // In the header and below the form.
    expect(screen.getAllByRole('link', { name: 'Create account' })).toHaveLength(2);
  });

  it('sends an off-site ?next= to the plaza instead', async () => {
    openApp('/login?next=%2F%5Cevil.example', { password: true, guests: true, oidc: school });
    const button = await screen.findByRole('link', { name: 'Sign in with School account' });
    expect(button.getAttribute('href')).toBe('/auth/oidc/start?next=%2Flive');
  });

  it('hides email, password and registration when the server is OIDC-only, and guests when they are off', async () => {
    openApp('/login', { password: false, guests: false, oidc: school });
    await screen.findByRole('link', { name: 'Sign in with School account' });
    expect(screen.queryByTestId('login-email')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Create account' })).toBeNull();
    expect(screen.queryByTestId('guest-form-name')).toBeNull();
  });

  it('shows the provider instead of a registration form on an OIDC-only server', async () => {
    openApp('/register', { password: false, guests: true, oidc: school });
    await screen.findByText('Accounts on this server come from School account.');
    expect(screen.queryByTestId('register-email')).toBeNull();
    expect(screen.getByRole('link', { name: 'Sign in with School account' })).toBeTruthy();
  });

  it('keeps the password form when the server cannot say', async () => {
    openAppAt('/login', { 'GET /api/v1/auth/me': apiError(401, 'UNAUTHENTICATED') });
    await screen.findByTestId('login-email');
    expect(screen.queryByTestId('oidc-sign-in')).toBeNull();
  });
});
