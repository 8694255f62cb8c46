import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Session } from '@stagecast/contracts';
import { sessionsApi } from '../../api/endpoints.js';
import { adminLiveSessionsQuery } from '../../api/queries.js';
import { queryKeys } from '../../api/query-keys.js';
import { useNow } from '../../lib/use-now.js';
import { formatClock } from '../plaza/format-time.js';
import { AdminTable } from './AdminTable.js';
import type { AdminColumn } from './AdminTable.js';
import { useAdminAction } from './use-admin-action.js';

/**
 * Every live session (private ones too): title, host, time on air, people now; open it, or end
 * it after a confirmation. Read again every 10 s.
 */
export function LiveSessionsTable() {
  const { t, i18n } = useTranslation();
  const list = useQuery(adminLiveSessionsQuery());
  const now = useNow(1000);
  const end = useAdminAction({
    run: (session: Session) => sessionsApi.end(session.session_id),
    done: (session) => t('admin.sessions.ended', { title: session.title }),
    refresh: () => [queryKeys.sessions],
    confirm: (session) => ({
      title: t('admin.sessions.confirmTitle', { title: session.title }),
      body: t('admin.sessions.confirmBody'),
      confirmLabel: t('admin.sessions.confirmOk'),
    }),
  });
  const columns: AdminColumn<Session>[] = [
    {
      name: t('admin.sessions.columns.title'),
      cell: (s) => (
        <>
          <Link to={`/live/${s.session_id}`}>{s.title}</Link>
          {!s.is_public && <span className="badge">{t('admin.sessions.private')}</span>}
        </>
      ),
    },
    { name: t('admin.sessions.columns.owner'), cell: (s) => s.host.username },
    {
      name: t('admin.sessions.columns.started'),
      cell: (s) =>
        s.started_at && (
          <time
            dateTime={s.started_at}
            title={new Date(s.started_at).toLocaleString(i18n.language)}
          >
            {t('admin.sessions.onAir', { time: formatClock(now - Date.parse(s.started_at)) })}
          </time>
        ),
    },
    {
      name: t('admin.sessions.columns.people'),
      className: 'admin-figure',
      cell: (s) => s.participant_count,
    },
    {
      name: t('admin.sessions.columns.actions'),
      cell: (s) => (
        <span className="admin-actions">
          <Link className="button" to={`/live/${s.session_id}`}>
            {t('admin.sessions.open')}
          </Link>
          <button
            type="button"
            className="danger"
            data-testid={`admin-end-${s.session_id}`}
            disabled={end.mutation.isPending && end.mutation.variables?.session_id === s.session_id}
            onClick={() => end.ask(s)}
          >
            {t('admin.sessions.end')}
          </button>
        </span>
      ),
    },
  ];

  return (
    <section className="card admin-card" aria-labelledby="admin-live-title">
      <h2 id="admin-live-title">
        {t('admin.sessions.title')}
        {list.data && <span className="admin-count">{list.data.total}</span>}
      </h2>
      <AdminTable
        testId="admin-live-sessions"
        columns={columns}
        items={list.data?.sessions}
        row={(s) => ({
          key: s.session_id,
          'data-testid': 'admin-session-row',
          'data-session-id': s.session_id,
        })}
        failed={list.isError}
        action={end}
        empty={t('admin.sessions.none')}
      />
    </section>
  );
}
