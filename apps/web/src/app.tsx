import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Readiness } from '@stagecast/contracts';
import { SettingsDialog } from './features/settings/SettingsDialog.js';
import { LanguageSwitcher } from './i18n/LanguageSwitcher.js';

type Status = { state: 'loading' } | { state: 'done'; readiness: Readiness } | { state: 'error' };

/** Placeholder until the plaza and the room land: shows that the platform and its parts run. */
export function App() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>({ state: 'loading' });
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    let cancelled = false;
    fetch('/readyz')
      .then((res) => res.json() as Promise<Readiness>)
      .then((readiness) => !cancelled && setStatus({ state: 'done', readiness }))
      .catch(() => !cancelled && setStatus({ state: 'error' }));
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <main className="placeholder">
      <div className="placeholder-bar">
        <LanguageSwitcher />
        <button type="button" onClick={() => setSettingsOpen(true)}>
          {t('app.openSettings')}
        </button>
      </div>
      <h1>{t('app.name')}</h1>
      <p>{t('app.tagline')}</p>
      <section aria-label={t('app.status.region')}>
        <h2>{t('app.status.heading')}</h2>
        {status.state === 'loading' && <p>{t('app.status.checking')}</p>}
        {status.state === 'error' && <p role="alert">{t('app.status.noAnswer')}</p>}
        {status.state === 'done' && (
          <ul>
            {(['database', 'livekit'] as const).map((name) => {
              const check = status.readiness.checks[name];
              return (
                <li key={name} data-ok={check.ok}>
                  <strong>{t(`app.status.${name}`)}</strong>:{' '}
                  {check.ok
                    ? t('app.status.ready', { latency: check.latency_ms })
                    : t('app.status.unavailable', { error: check.error ?? '' })}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <p>
        <a href="/api/docs/json">{t('app.apiDocs')}</a>
      </p>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </main>
  );
}
