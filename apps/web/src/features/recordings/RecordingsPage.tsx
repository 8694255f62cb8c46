import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Recording } from '@stagecast/contracts';
import { recordingsQuery, sessionQuery } from '../../api/queries.js';
import { pageErrorKind } from '../../lib/page-error.js';
import { useAuth } from '../auth/auth-context.js';
import { formatClock } from '../plaza/format-time.js';
import { isSessionHost } from '../room/room-state.js';

/** The download URL as a path on this origin, so the session cookie goes with it. */
function samePath(url: string): string {
  const parsed = new URL(url, window.location.href);
  return parsed.pathname + parsed.search;
}

/** Recordings in progress change state on their own: while there are some, look again shortly. */
const inProgress = (recordings: readonly Recording[] | undefined) =>
  recordings?.some((r) => ['starting', 'active', 'ending'].includes(r.status)) ?? false;

/** `/live/{id}/recordings`: a session's recordings, playable in the page, refreshed while busy. */
export function RecordingsPage({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    ...recordingsQuery(sessionId),
    refetchInterval: (query) => (inProgress(query.state.data?.recordings) ? 2000 : false),
  });
  // Only for the title: a session one may not read still shows its recordings' page.
  const session = useQuery(sessionQuery(sessionId));
  const { user } = useAuth();

  if (list.isError) {
    return (
      <section className="card narrow" role="alert" data-testid="recordings-error">
        {t(`shell.recordings.${pageErrorKind(list.error)}`)}
      </section>
    );
  }
  if (list.isPending || session.isPending) return <p>{t('shell.loading')}</p>;
  const recordings = list.data.recordings;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : '');
  return (
    <section className="recordings" data-testid="recordings-page">
      <h1>
        {session.data
          ? t('shell.recordings.title', { title: session.data.title })
          : t('shell.recordings.titlePlain')}
      </h1>
      <p className="page-links">
        <Link to={`/live/${sessionId}`}>{t('shell.recordings.backToRoom')}</Link>
        {session.data && isSessionHost(session.data, user) && (
          <Link to={`/live/${sessionId}/report`} data-testid="report-link">
            {t('shell.report.link')}
          </Link>
        )}
      </p>
      {recordings.length === 0 && <p className="empty">{t('shell.recordings.none')}</p>}
      <ul className="recording-list">
        {recordings.map((r) => (
          <li
            key={r.recording_id}
            className="card"
            data-testid={`recording-${r.recording_id}`}
            data-status={r.status}
          >
            <p>
              <span className="badge">{t(`shell.recordings.status.${r.status}`)}</span>{' '}
              {r.started_at && t('shell.recordings.started', { time: when(r.started_at) })}
              {r.duration_seconds !== null && (
                <>
                  {' '}
                  ·{' '}
                  {t('shell.recordings.duration', { time: formatClock(r.duration_seconds * 1000) })}
                </>
              )}
              {r.size_bytes !== null && (
                <> · {t('shell.recordings.size', { size: (r.size_bytes / 1e6).toFixed(1) })}</>
              )}
            </p>
            {r.status === 'failed' && r.error && (
              <p className="error">{t('shell.recordings.failedReason', { reason: r.error })}</p>
            )}
            {r.download_url && (
              <>
                <video
                  controls
                  preload="metadata"
                  src={samePath(r.download_url)}
                  aria-label={t('shell.recordings.player', {
                    time: when(r.started_at ?? r.created_at),
                  })}
                  className="recording-player"
                  data-testid="recording-player"
                />
                <a href={samePath(r.download_url)} download className="button">
                  {t('shell.recordings.download')}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
