// @vitest-environment happy-dom
import type { AdminStats, AdminUser, User } from '@stagecast/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeSession } from '../room/testing/fake-api.js';
import type { FakeRoute } from '../room/testing/fake-api.js';
import { admin, prepareAdminPageTests } from './testing/admin-page.js';
import { openAppAt } from '../../test-support/open-app.js';

prepareAdminPageTests();

const mentor: User = { id: 'm1', email: 'ada@example.com', username: 'ada', role: 'mentor' };
const account = (user: User, disabled_at: string | null = null): AdminUser => ({
  id: user.id,
  email: user.email!,
  username: user.username,
  role: user.role as AdminUser['role'],
  disabled_at,
  created_at: '2026-11-01T10:00:00.000Z',
});
const live = {
  status: 200,
  body: {
    sessions: [
      fakeSession({
        session_id: 's1',
        title: 'Intro to <b>WebRTC</b>',
        started_at: new Date(Date.now() - 65_000).toISOString(),
        participant_count: 3,
        is_public: false,
      }),
    ],
    total: 1,
    page: 1,
    page_size: 100,
  },
};

const empty = [null, null];
/** The platform now, with nothing sampled yet in the range (no chart to draw here). */
const stats: AdminStats = {
  range: '1h',
  sample_interval_seconds: 10,
  bandwidth_source: 'livekit_prometheus',
  now: {
    at: '2026-12-01T10:00:00.000Z',
    live_sessions: 2,
    connected_users: 5,
    participants_by_role: { host: 2, viewer: 3 },
    bandwidth_in_bytes_per_second: 1_562_500,
    bandwidth_out_bytes_per_second: null,
    packet_loss_percent: 0.25,
    recordings_running: 1,
    health: {
      database: { ok: true, latency_ms: 1 },
      livekit: { ok: false, latency_ms: 1500, error: 'timed out' },
      redis: null,
    },
    disk: { free_bytes: 40e9, total_bytes: 100e9 },
  },
  series: {
    step_seconds: 12,
    t: [1_796_000_000_000, 1_796_000_012_000],
    live_sessions: empty,
    connected_users: empty,
    bytes_in_per_second: empty,
    bytes_out_per_second: empty,
    packet_loss_percent: empty,
    joins_per_minute: empty,
    join_p95_ms: empty,
    http_4xx_per_minute: empty,
    http_5xx_per_minute: empty,
  },
};

/** The app at `url` as `user` (signed out when null), against a fake API. */
function openAs(user: User | null, url: string, routes: Record<string, FakeRoute> = {}) {
  return openAppAt(url, {
    'GET /api/v1/auth/me': user
      ? { status: 200, body: { user } }
      : apiError(401, 'UNAUTHENTICATED'),
    'GET /api/v1/live/sessions': live,
    'GET /api/v1/admin/stats': { status: 200, body: stats },
    ...routes,
  });
}

describe('the admin page', () => {
  it('tells a signed-in non-admin plainly that it is for administrators, with no link to it', async () => {
    const { calls } = openAs(mentor, '/admin');
    const denied = await screen.findByTestId('admin-denied');
    expect(denied.textContent).toContain('Administrators only');
    expect(denied.textContent).toContain('You are signed in as ada, who is not one.');
    expect(screen.queryByTestId('nav-admin')).toBeNull();
    expect(calls.some((c) => c.path.startsWith('/api/v1/admin'))).toBe(false);
  });

  it('offers a signed-out visitor the sign-in that comes back here', async () => {
    openAs(null, '/admin');
    const denied = await screen.findByTestId('admin-denied');
    const signIn = within(denied).getByRole('link', { name: 'Sign in' });
    expect(signIn.getAttribute('href')).toBe('/login?next=%2Fadmin');
  });

  it('lists the live sessions (titles as text) and ends one after a confirmation', async () => {
    const { calls } = openAs(admin, '/admin', {
      'POST /api/v1/live/sessions/s1/end': { status: 200, body: fakeSession({ status: 'ended' }) },
    });
    expect((await screen.findByTestId('nav-admin')).getAttribute('href')).toBe('/admin');
    const row = await screen.findByTestId('admin-session-row');
    expect(within(row).getByRole('rowheader').textContent).toBe('Intro to <b>WebRTC</b>Private');
    expect(row.textContent).toMatch(/01:0\d on air/);
    expect(within(row).getByRole('link', { name: 'Open' }).getAttribute('href')).toBe('/live/s1');

    fireEvent.click(within(row).getByRole('button', { name: 'End' }));
    expect((await screen.findByRole('dialog')).textContent).toContain(
      'End “Intro to <b>WebRTC</b>”?',
    );
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/s1/end'))).toBe(true),
    );
    expect((await screen.findByTestId('admin-notice')).textContent).toBe(
      '“Intro to <b>WebRTC</b>” has ended.',
    );
  });

  it('shows the platform now in cards, and the history by range', async () => {
    const { calls } = openAs(admin, '/admin');
    const card = async (id: string) => (await screen.findByTestId(id)).textContent;
    expect(await card('stat-live-sessions')).toBe('Live sessions2');
    expect(await card('stat-people')).toBe('People connected5Host 2 · Viewer 3');
    expect(await card('stat-bandwidth-in')).toBe('Bandwidth in12.5 Mb/sPacket loss 0.3 %');
    expect(await card('stat-bandwidth-out')).toBe('Bandwidth outNot measured');
    expect(await card('stat-disk')).toBe('Disk left for recordings40 GB40 % of 100 GB free');
    const health = await screen.findByTestId('stat-health');
    expect(health.textContent).toContain('LiveKit: Down');
    expect(health.textContent).toContain('Database: Up');
    expect(health.textContent).toContain('Redis: Not used');
    expect(screen.getByTestId('admin-chart-people').textContent).toContain(
      'No samples in this range yet.',
    );

    const day = screen.getByTestId('admin-range-24h');
    expect(day.getAttribute('aria-pressed')).toBe('false');
    const before = calls.filter((c) => c.path === '/api/v1/admin/stats').length;
    fireEvent.click(day);
    await waitFor(() => expect(day.getAttribute('aria-pressed')).toBe('true'));
    await waitFor(() =>
      expect(calls.filter((c) => c.path === '/api/v1/admin/stats').length).toBe(before + 1),
    );
  });

  it('searches accounts, changes a role, and disables another account but never one’s own', async () => {
    const other = account(mentor);
    const { calls } = openAs(admin, '/admin?tab=users', {
      'GET /api/v1/admin/users': {
        status: 200,
        body: { users: [account(admin), other], total: 2, page: 1, page_size: 20 },
      },
      'PATCH /api/v1/admin/users/m1': { status: 200, body: { user: { ...mentor, role: 'user' } } },
      'POST /api/v1/admin/users/m1/disable': {
        status: 200,
        body: { user: account(mentor, '2026-12-01T10:00:00.000Z') },
      },
    });
    const rows = await screen.findAllByTestId('admin-user-row');
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'rootyou',
      'ada',
    ]);
    expect(screen.getByTestId<HTMLButtonElement>('admin-disable-a1').disabled).toBe(true);

    fireEvent.change(screen.getByTestId('admin-user-search'), { target: { value: 'ADA' } });
    await waitFor(() =>
      expect(calls.filter((c) => c.path === '/api/v1/admin/users').length).toBeGreaterThan(1),
    );

    fireEvent.change(screen.getByTestId('admin-role-m1'), { target: { value: 'user' } });
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ role: 'user' }),
    );
    expect((await screen.findByTestId('admin-notice')).textContent).toBe('ada is now User.');

    fireEvent.click(screen.getByTestId('admin-disable-m1'));
    expect((await screen.findByRole('dialog')).textContent).toContain(
      'ada is signed out everywhere at once',
    );
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() =>
      expect(screen.getByTestId('admin-notice').textContent).toBe('ada is disabled.'),
    );
    expect(calls.some((c) => c.method === 'POST' && c.path.endsWith('/m1/disable'))).toBe(true);
  });

  it('says why a disable was refused, in the reader’s words', async () => {
    openAs(admin, '/admin?tab=users', {
      'GET /api/v1/admin/users': {
        status: 200,
        body: { users: [account(mentor)], total: 1, page: 1, page_size: 20 },
      },
      'POST /api/v1/admin/users/m1/disable': apiError(403, 'FORBIDDEN', 'cannot_act_on_self'),
    });
    fireEvent.click(await screen.findByTestId('admin-disable-m1'));
    fireEvent.click(await screen.findByTestId('confirm-ok'));
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toBe('You cannot disable your own account.');
  });
});
