import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/auth-context.js';
import { SessionCard } from './SessionCard.js';
import { useNow } from '../../lib/use-now.js';
import { usePlazaSessions } from './use-plaza-sessions.js';

/** `/live`: who is live now and what is coming, kept fresh without a reload. */
export function PlazaPage() {
  const { t } = useTranslation();
  const { live, upcoming, loaded, failed } = usePlazaSessions();
  const now = useNow();
  const { user } = useAuth();
  const canCreate = user?.role === 'admin' || user?.role === 'mentor';

  return (
    <div className="plaza">
      <div className="page-title">
        <h1>{t('shell.plaza.title')}</h1>
        {canCreate && (
          <Link to="/live/create" className="button primary" data-testid="create-session">
            {t('shell.nav.create')}
          </Link>
        )}
      </div>
      {failed && (
        <p role="status" className="error">
          {t('shell.plaza.loadFailed')}
        </p>
      )}
      <section aria-labelledby="live-heading">
        <h2 id="live-heading">{t('shell.plaza.live')}</h2>
        {loaded && live.length === 0 && <p className="empty">{t('shell.plaza.noLive')}</p>}
        {!loaded && <p>{t('shell.loading')}</p>}
        <div className="session-grid" data-testid="live-sessions">
          {live.map((s) => (
            <SessionCard key={s.session_id} session={s} now={now} />
          ))}
        </div>
      </section>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t('shell.plaza.upcoming')}</h2>
        {loaded && upcoming.length === 0 && <p className="empty">{t('shell.plaza.noUpcoming')}</p>}
        <div className="session-grid" data-testid="upcoming-sessions">
          {upcoming.map((s) => (
            <SessionCard key={s.session_id} session={s} now={now} />
          ))}
        </div>
      </section>
    </div>
  );
}
