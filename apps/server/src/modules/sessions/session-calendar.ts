import { AppError } from '../../errors.js';
import { buildIcs } from './ics.js';
import type { IcsEvent } from './ics.js';
import { checkInvite, inviteLink } from './invite.js';
import type { SessionView } from './session-repository.js';

/**
 * How long a session's calendar event lasts: sessions have no planned duration (SPEC §3 names
 * none), so the event is given one hour from its start.
 */
export const DEFAULT_EVENT_MINUTES = 60;

/**
 * The session as one calendar event (`GET …/calendar.ics`): from its planned start
 * (`scheduled_at`, else when it went live) for `DEFAULT_EVENT_MINUTES`, UID
 * `<session_id>@<host of PUBLIC_URL>`, SEQUENCE its revision (bumped by a reschedule or a new
 * title), and the session's page as URL. A session with no time at all (never scheduled, never
 * live) has no event: CONFLICT `not_scheduled`. One that ended without going live is
 * `CANCELLED`, one revision later, so calendars that imported it take the cancellation.
 */
export function sessionCalendarEvent(options: {
  view: SessionView;
  publicUrl: string;
  /** The invite the caller read a private session with: kept in the URL, so the link opens it. */
  inviteToken?: string | undefined;
  now?: Date;
}): IcsEvent {
  const { view, publicUrl } = options;
  const s = view.session;
  const start = s.scheduledAt ?? s.startedAt;
  if (!start) {
    throw new AppError(
      'CONFLICT',
      'this session has no start time yet, so it has no calendar event',
      { status: s.status, scheduled_at: null },
      { reason: 'not_scheduled' },
    );
  }
  const cancelled = s.status === 'ended' && !s.startedAt;
  const invite = options.inviteToken;
  const url =
    !s.isPublic && invite && checkInvite(s, invite) === 'valid'
      ? inviteLink(publicUrl, s.sessionId, invite)
      : `${publicUrl}/live/${s.sessionId}`;
  // Calendars that show no URL property (most) still show the link in the description.
  const details = [s.description.trim(), url].filter(Boolean);
  return {
    uid: `${s.sessionId}@${new URL(publicUrl).hostname}`,
    sequence: s.revision + (cancelled ? 1 : 0),
    stamp: options.now ?? new Date(),
    start,
    end: new Date(start.getTime() + DEFAULT_EVENT_MINUTES * 60_000),
    summary: s.title,
    description: details.join('\n\n'),
    url,
    created: s.createdAt,
    lastModified: s.updatedAt,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
  };
}

/** The `.ics` file of the session (see `sessionCalendarEvent`). */
export const sessionCalendar = (options: Parameters<typeof sessionCalendarEvent>[0]): string =>
  buildIcs(sessionCalendarEvent(options));
