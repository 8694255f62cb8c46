import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Cast } from './support/api.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

/** A session's `.ics` as the API serves it, read by a real iCalendar parser (ical.js). */
async function readCalendar(stack: Stack, sessionId: string, query = '', token?: string) {
  const res = await fetch(
    `${stack.baseUrl}/api/v1/live/sessions/${sessionId}/calendar.ics${query}`,
    {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    },
  );
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, text, event: undefined, sequence: -1 };
  const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    text,
    event,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    url: String(vevent.getFirstPropertyValue('url')),
  };
}

/** The wall-clock time of `date` in `timeZone`, as `YYYY-MM-DD HH:mm`. */
const wallClock = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(
    date,
  );

describe('calendar invites: GET /api/v1/live/sessions/{id}/calendar.ics', () => {
  let stack: Stack;
  let c: Cast;
  useStack({ onReady: (ready) => ({ stack, c } = ready) });

  it('gives a session at 09:00 in Seoul and one at 09:00 in New York their right UTC times', async () => {
    // 10 March 2030 is the day New York moves to summer time (EDT, UTC-4) at 02:00.
    const seoul = await c.api.createSession(c.mentor.token, {
      title: '서울 수학 교실',
      scheduled_at: '2030-03-10T09:00:00+09:00',
    });
    const newYork = await c.api.createSession(c.mentor.token, {
      title: 'Algebra, part 2; with homework',
      scheduled_at: '2030-03-10T09:00:00-04:00',
    });
    const a = await readCalendar(stack, seoul.session_id);
    expect(a.status).toBe(200);
    expect(a.contentType).toBe('text/calendar; charset=utf-8');
    expect(a.start!.toISOString()).toBe('2030-03-10T00:00:00.000Z');
    expect(wallClock(a.start!, 'Asia/Seoul')).toBe('2030-03-10 09:00');
    expect(a.end!.getTime() - a.start!.getTime()).toBe(60 * 60_000);
    expect(a.event!.summary).toBe('서울 수학 교실');

    const b = await readCalendar(stack, newYork.session_id);
    expect(b.start!.toISOString()).toBe('2030-03-10T13:00:00.000Z');
    expect(wallClock(b.start!, 'America/New_York')).toBe('2030-03-10 09:00');
    // The same instant seen from the other city.
    expect(wallClock(b.start!, 'Asia/Seoul')).toBe('2030-03-10 22:00');
    expect(b.event!.summary).toBe('Algebra, part 2; with homework');
    // PUBLIC_URL is unset here, so it is http://localhost:PORT.
    expect(b.url).toBe(
      `http://localhost:${new URL(stack.baseUrl).port}/live/${newYork.session_id}`,
    );
    expect(b.event!.uid).toBe(`${newYork.session_id}@localhost`);
    expect(b.event!.description).toContain(`/live/${newYork.session_id}`);
  });

  it('keeps its UID and raises SEQUENCE when the session is moved or renamed, not otherwise', async () => {
    const s = await c.api.createSession(c.mentor.token, {
      title: 'Office hours',
      scheduled_at: '2030-05-01T10:00:00Z',
    });
    const path = `/api/v1/live/sessions/${s.session_id}`;
    const first = await readCalendar(stack, s.session_id);
    const again = await readCalendar(stack, s.session_id);
    expect(first.event!.uid).toMatch(new RegExp(`^${s.session_id}@`));
    expect(again.event!.uid).toBe(first.event!.uid);
    expect(first.sequence).toBe(0);

    const patch = (body: Record<string, unknown>) =>
      c.api.call('PATCH', path, { token: c.mentor.token, body });
    expect((await patch({ max_participants: 12, description: 'Bring questions' })).status).toBe(
      200,
    );
    expect((await readCalendar(stack, s.session_id)).sequence).toBe(0);
    // The same time written in another offset is no reschedule.
    expect((await patch({ scheduled_at: '2030-05-01T12:00:00+02:00' })).status).toBe(200);
    expect((await readCalendar(stack, s.session_id)).sequence).toBe(0);

    expect((await patch({ scheduled_at: '2030-05-02T10:30:00Z' })).status).toBe(200);
    const moved = await readCalendar(stack, s.session_id);
    expect(moved.sequence).toBe(1);
    expect(moved.start!.toISOString()).toBe('2030-05-02T10:30:00.000Z');
    expect(moved.event!.uid).toBe(first.event!.uid);
    expect(moved.event!.description).toContain('Bring questions');

    expect((await patch({ title: 'Office hours (moved)' })).status).toBe(200);
    const renamed = await readCalendar(stack, s.session_id);
    expect(renamed.sequence).toBe(2);
    expect(renamed.event!.summary).toBe('Office hours (moved)');
    expect(renamed.event!.uid).toBe(first.event!.uid);
  });

  it('answers JSON errors: unknown session, bad id, no start time', async () => {
    const unknown = await c.api.call(
      'GET',
      '/api/v1/live/sessions/00000000-0000-4000-8000-000000000000/calendar.ics',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const bad = await c.api.call('GET', '/api/v1/live/sessions/nope/calendar.ics');
    expect(bad.status).toBe(400);
    const unscheduled = await c.api.createSession(c.mentor.token, { title: 'Some day' });
    const none = await c.api.call(
      'GET',
      `/api/v1/live/sessions/${unscheduled.session_id}/calendar.ics`,
    );
    expect(none.status).toBe(409);
    expect(none.body.error.reason).toBe('not_scheduled');
    // Once live, it has a start: when it went live.
    await c.api.call('POST', `/api/v1/live/sessions/${unscheduled.session_id}/start`, {
      token: c.mentor.token,
    });
    const live = await readCalendar(stack, unscheduled.session_id);
    expect(live.status).toBe(200);
    expect(Math.abs(live.start!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('follows the read rules of a private session, and keeps the invite in its link', async () => {
    const s = await c.api.createSession(c.mentor.token, {
      title: 'Private tutoring',
      is_public: false,
      scheduled_at: '2030-06-01T15:00:00Z',
    });
    const secret = new URL(s.invite_link!).searchParams.get('invite')!;
    const anonymous = await c.api.call('GET', `/api/v1/live/sessions/${s.session_id}/calendar.ics`);
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.error.reason).toBe('invite_required');
    const stranger = await c.api.register();
    const refused = await readCalendar(stack, s.session_id, '', stranger.token);
    expect(refused.status).toBe(403);

    const invited = await readCalendar(stack, s.session_id, `?invite_token=${secret}`);
    expect(invited.status).toBe(200);
    expect(invited.url).toContain(`/live/${s.session_id}?invite=${secret}`);
    const owner = await readCalendar(stack, s.session_id, '', c.mentor.token);
    expect(owner.status).toBe(200);
    expect(owner.url).not.toContain('invite=');
  });
});
