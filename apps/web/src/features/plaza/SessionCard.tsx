import { useTranslation } from 'react-i18next';
import type { Session } from '@stagecast/contracts';
import { Link } from 'react-router';
import { formatClock, formatCountdown } from './format-time.js';

/** One session in the plaza: title, host, type, and its clock (time on air or a countdown). */
export function SessionCard({ session, now }: { session: Session; now: number }) {
  const { t, i18n } = useTranslation();
  const live = session.status === 'live';
  let when: string;
  if (live) {
    when = t('shell.plaza.onAir', {
      time: formatClock(now - Date.parse(session.started_at ?? session.updated_at)),
    });
  } else if (!session.scheduled_at) {
    when = t('shell.plaza.unscheduled');
  } else {
    const at = Date.parse(session.scheduled_at);
    when =
      at > now
        ? t('shell.plaza.startsIn', { time: formatCountdown(at - now) })
        : t('shell.plaza.startsAt', { time: new Date(at).toLocaleString(i18n.language) });
  }
  return (
    <article
      className={`session-card${live ? ' live' : ''}`}
      data-testid={`session-${session.session_id}`}
    >
      <header>
        {live && <span className="badge live-badge">LIVE</span>}
        <span className="badge">
          {t(session.session_type === 'meeting' ? 'shell.plaza.meeting' : 'shell.plaza.broadcast')}
        </span>
        {!session.is_public && <span className="badge">{t('shell.plaza.private')}</span>}
      </header>
      <h3>{session.title}</h3>
      {session.description && <p className="description">{session.description}</p>}
      <p className="meta">{t('shell.plaza.host', { name: session.host.username })}</p>
      <p className="meta">
        <span>{when}</span>
        {live && (
          <span> · {t('shell.plaza.participants', { count: session.participant_count })}</span>
        )}
      </p>
      <Link
        to={`/live/${session.session_id}`}
        className="button primary"
        data-testid={`join-${session.session_id}`}
      >
        {live ? t('shell.plaza.join') : t('shell.plaza.open')}
      </Link>
    </article>
  );
}
