// @vitest-environment happy-dom
import { createElement } from 'react';
import { cleanup, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderInApp } from '../../../test-support/render-in-app.js';
import type { BlockedScreen } from '../room-state.js';
import { apiError, installFakeApi } from '../testing/fake-api.js';
import { StatusScreen } from './StatusScreen.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function show(screenKind: BlockedScreen) {
  installFakeApi({ 'GET /api/v1/auth/me': apiError(401, 'UNAUTHENTICATED') });
  renderInApp(
    createElement(
      MemoryRouter,
      null,
      createElement(StatusScreen, {
        screen: screenKind,
        loginHref: '/login',
        signedIn: false,
        onRetry: () => undefined,
        onRejoin: () => undefined,
      }),
    ),
  );
}

describe('StatusScreen', () => {
  it('offers the connection check after a connection that failed for good', async () => {
    show({ kind: 'failed' });
    const link = await screen.findByTestId('check-link');
    expect(link.getAttribute('href')).toBe('/check');
    expect(link.textContent).toBe('Check your connection');
  });

  it('does not offer it where the network is not the problem', async () => {
    show({ kind: 'ended' });
    await screen.findByTestId('room-ended');
    expect(screen.queryByTestId('check-link')).toBeNull();
  });
});
