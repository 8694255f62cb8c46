import { CalendarClock, Radio } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Session } from '@stagecast/contracts';
import { Link } from 'react-router';
import { AddToCalendarLink } from '../../lib/AddToCalendarLink.js';
import { formatClock, formatCountdown, formatStartTime } from './format-time.js';

/** Further off than this, the date says enough: no countdown. */
const COUNTDOWN_WITHIN_MS = 7 * 86_400_000;

/**
 * One session in the plaza: title, host, type, and its clock (time on air, or its start in the
 * reader's time zone and language with a countdown), and for upcoming ones "Add to calendar".
 */
export function SessionCard({ session, now }: { session: Session; now: number }) {
  const { t, i18n } = useTranslation();
  const live = session.status === 'live';
  const at = session.scheduled_at ? Date.parse(session.scheduled_at) : undefined;
  return (
    <article
      className={`session-card${live ? ' live' : ''}`}
      data-testid={`session-${session.session_id}`}
    >
      <header>
        {live && <span className="badge live-badge">{t('room.header.live')}</span>}
        <span className="badge">
          {t(session.session_type === 'meeting' ? 'shell.plaza.meeting' : 'shell.plaza.broadcast')}
        </span>
        {!session.is_public && <span className="badge">{t('shell.plaza.private')}</span>}
      </header>
      <h3>{session.title}</h3>
      {session.description && <p className="description">{session.description}</p>}
      <p className="meta">{t('shell.plaza.host', { name: session.host.username })}</p>
      {live ? (
        <p className="meta with-icon">
          <Radio aria-hidden="true" size={16} />
          <span>
            {t('shell.plaza.onAir', {
              time: formatClock(now - Date.parse(session.started_at ?? session.updated_at)),
            })}
          </span>
          <span> · {t('shell.plaza.participants', { count: session.participant_count })}</span>
        </p>
      ) : at === undefined ? (
        <p className="meta">{t('shell.plaza.unscheduled')}</p>
      ) : (
        <>
          <p className="meta with-icon">
            <CalendarClock aria-hidden="true" size={16} />
            <time dateTime={session.scheduled_at ?? undefined} data-testid="session-start">
              {t('shell.plaza.startsAt', { time: formatStartTime(at, i18n.language) })}
            </time>
          </p>
          {at > now && at - now < COUNTDOWN_WITHIN_MS && (
            <p className="meta">
              {t('shell.plaza.startsIn', { time: formatCountdown(at - now, i18n.language) })}
            </p>
          )}
        </>
      )}
      <div className="session-card-actions">
        <Link
          to={`/live/${session.session_id}`}
          className="button primary"
          data-testid={`join-${session.session_id}`}
        >
          {live ? t('shell.plaza.join') : t('shell.plaza.open')}
        </Link>
        {!live && at !== undefined && (
          <AddToCalendarLink sessionId={session.session_id} title={session.title} />
        )}
      </div>
    </article>
  );
}
