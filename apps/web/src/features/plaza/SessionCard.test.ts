// @vitest-environment happy-dom
import { createElement } from 'react';
import { screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { cleanUpAfterEach } from '../../test-support/clean-up.js';
import { renderInApp } from '../../test-support/render-in-app.js';
import { apiError, fakeSession, installFakeApi } from '../room/testing/fake-api.js';
import { SessionCard } from './SessionCard.js';
import { formatStartTime } from './format-time.js';

cleanUpAfterEach(() => vi.unstubAllGlobals());

const now = Date.parse('2030-03-08T00:00:00Z');
function show(overrides: Parameters<typeof fakeSession>[0]) {
  installFakeApi({ 'GET /api/v1/auth/me': apiError(401, 'UNAUTHENTICATED') });
  renderInApp(
    createElement(
      MemoryRouter,
      null,
      createElement(SessionCard, { session: fakeSession(overrides), now }),
    ),
  );
}

describe('a session card in the plaza', () => {
  it('shows an upcoming start in the reader zone and language, and offers its calendar event', () => {
    const at = '2030-03-10T00:00:00.000Z';
    show({ status: 'scheduled', scheduled_at: at, title: 'Algebra' });
    const time = screen.getByTestId('session-start');
    expect(time.getAttribute('datetime')).toBe(at);
    expect(time.textContent).toBe(`Starts ${formatStartTime(Date.parse(at), 'en')}`);
    expect(screen.getByText('Starts in 2d 0h')).toBeDefined();
    const link = screen.getByTestId('calendar-s1');
    expect(link.getAttribute('href')).toBe('/api/v1/live/sessions/s1/calendar.ics');
    expect(link.getAttribute('aria-label')).toBe('Add to calendar: Algebra');
    expect(link.textContent).toBe('Add to calendar');
  });

  it('leaves the countdown out for a session more than a week away', () => {
    show({ status: 'scheduled', scheduled_at: '2030-03-20T00:00:00.000Z' });
    expect(screen.getByTestId('session-start')).toBeDefined();
    expect(screen.queryByText(/Starts in/)).toBeNull();
  });

  it('offers no calendar event for a live session or one without a time', () => {
    show({ status: 'live', started_at: '2030-03-07T23:59:00Z' });
    expect(screen.queryByTestId('calendar-s1')).toBeNull();
    expect(screen.getByText('On air 01:00')).toBeDefined();
  });

  it('says when a session is not scheduled yet', () => {
    show({ status: 'scheduled', scheduled_at: null });
    expect(screen.getByText('Not scheduled yet')).toBeDefined();
    expect(screen.queryByTestId('calendar-s1')).toBeNull();
  });
});
