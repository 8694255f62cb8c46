import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recording, Session } from '@stagecast/contracts';
import { ApiError } from '../../api/client.js';
import { sessionsApi } from '../../api/endpoints.js';
import { Link } from '../../app/router.js';
import { formatClock } from '../plaza/format-time.js';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; code: 'forbidden' | 'notFound' | 'signIn' }
  | { kind: 'ready'; session: Session | undefined; recordings: Recording[] };

/** The download URL as a path on this origin, so the session cookie goes with it. */
function samePath(url: string): string {
  const parsed = new URL(url, window.location.href);
  return parsed.pathname + parsed.search;
}

/** `/live/{id}/recordings`: a session's recordings, playable in the page, refreshed while busy. */
export function RecordingsPage({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const [{ recordings }, session] = await Promise.all([
          sessionsApi.recordings(sessionId),
          sessionsApi.get(sessionId).catch(() => undefined),
        ]);
        if (cancelled) return;
        setState({ kind: 'ready', session, recordings });
        // Recordings in progress change state on their own: look again shortly.
        if (recordings.some((r) => ['starting', 'active', 'ending'].includes(r.status))) {
          timer = setTimeout(() => void load(), 2000);
        }
      } catch (err) {
        if (cancelled) return;
        const status = err instanceof ApiError ? err.status : 0;
        setState({
          kind: 'error',
          code: status === 401 ? 'signIn' : status === 404 ? 'notFound' : 'forbidden',
        });
      }
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [sessionId]);

  if (state.kind === 'loading') return <p>{t('shell.loading')}</p>;
  if (state.kind === 'error') {
    return (
      <section className="card narrow" role="alert" data-testid="recordings-error">
        {t(`shell.recordings.${state.code}`)}
      </section>
    );
  }
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : '');
  return (
    <section className="recordings" data-testid="recordings-page">
      <h1>
        {state.session
          ? t('shell.recordings.title', { title: state.session.title })
          : t('shell.recordings.titlePlain')}
      </h1>
      <p>
        <Link href={`/live/${sessionId}`}>{t('shell.recordings.backToRoom')}</Link>
      </p>
      {state.recordings.length === 0 && <p className="empty">{t('shell.recordings.none')}</p>}
      <ul className="recording-list">
        {state.recordings.map((r) => (
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
