// @vitest-environment happy-dom
import type { AttendanceReport } from '@stagecast/contracts';
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError } from '../room/testing/fake-api.js';
import type { FakeRoute } from '../room/testing/fake-api.js';
import { openAppAt } from '../../test-support/open-app.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ATTENDANCE = '/api/v1/live/sessions/s1/attendance';

/** A session ended before it went live: nobody attended, no chart to draw. */
const emptyReport: AttendanceReport = {
  session: {
    session_id: 's1',
    title: 'Weekly <b>demo</b>',
    status: 'ended',
    started_at: null,
    ended_at: '2026-12-01T10:00:00.000Z',
  },
  merge_window_seconds: 30,
  peak: { count: 0, at: null },
  attendees: [],
  timeline: [],
  polls: [],
  questions: [],
};

function openReport(attendance: FakeRoute) {
  openAppAt('/live/s1/report', {
    'GET /api/v1/auth/me': apiError(401, 'UNAUTHENTICATED'),
    [`GET ${ATTENDANCE}`]: attendance,
  });
}

describe('the attendance report page', () => {
  it('explains a refusal by its status', async () => {
    openReport(apiError(403, 'FORBIDDEN', 'not_moderator'));
    const alert = await screen.findByTestId('report-error');
    expect(alert.textContent).toContain('Only the host, co-hosts and admins can see who attended');
  });

  it('shows the title as text, the CSV link and the empty state', async () => {
    openReport({ status: 200, body: emptyReport });
    await screen.findByTestId('report-page');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Attendance: “Weekly <b>demo</b>”',
    );
    const csv = screen.getByTestId('report-csv');
    expect(csv.getAttribute('href')).toBe(`${ATTENDANCE}?format=csv`);
    expect(csv.hasAttribute('download')).toBe(true);
    expect(
      within(screen.getByTestId('report-page')).getAllByText('Nobody has attended this session.')
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('attendance-chart')).toBeNull();
  });
});
