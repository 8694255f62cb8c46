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

  it('counts votes and upvotes in the singular and the plural', async () => {
    openReport({
      status: 200,
      body: {
        ...emptyReport,
        polls: [
          {
            question: 'Tabs or spaces?',
            status: 'closed',
            options: [
              { text: 'Tabs', votes: 1 },
              { text: 'Spaces', votes: 0 },
            ],
            total_votes: 1,
          },
        ],
        questions: [
          {
            text: 'Why?',
            author: 'Bo',
            upvotes: 1,
            answered: true,
            hidden: false,
            created_at: '2026-12-01T09:30:00.000Z',
          },
        ],
      },
    });
    const polls = await screen.findByTestId('report-polls');
    expect(polls.textContent).toContain('(Closed, 1 vote)');
    expect(polls.textContent).toContain('Tabs: 1 vote');
    expect(polls.textContent).toContain('Spaces: 0 votes');
    expect(screen.getByTestId('report-questions').textContent).toContain('(1 upvote, answered)');
  });
});
