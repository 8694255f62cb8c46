import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLobby } from './useLobby.js';
import './lobby.css';

/**
 * The waiting room for hosts and co-hosts, over the room: who waits, admit or deny each or
 * all. Hidden while nobody waits; a knock chimes and is announced to screen readers.
 */
export function LobbyPanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const lobby = useLobby(sessionId);
  const n = lobby.waiting.length;
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">
        {lobby.announcement ? t('lobby.panel.knocked', { name: lobby.announcement }) : ''}
      </p>
      {n > 0 && (
        <section className="lobby-panel" aria-labelledby={titleId} data-testid="lobby-panel">
          <h2 id={titleId}>
            {t('lobby.panel.title')}{' '}
            <span className="lobby-badge" data-testid="lobby-count">
              {t('lobby.panel.badge', { n })}
            </span>
          </h2>
          <ul>
            {lobby.waiting.map((entry) => (
              <li key={entry.identity} data-testid="lobby-entry" data-user-id={entry.user_id}>
                <span className="lobby-name">
                  {entry.display_name}
                  {entry.is_guest && <small> ({t('lobby.panel.guest')})</small>}
                </span>
                {(['admit', 'deny'] as const).map((decision) => (
                  <button
                    key={decision}
                    type="button"
                    className={decision === 'admit' ? 'primary' : undefined}
                    aria-label={t(`lobby.panel.${decision}Name`, { name: entry.display_name })}
                    data-testid={`lobby-${decision}-${entry.user_id}`}
                    onClick={() => void lobby[decision](entry.user_id)}
                  >
                    {t(`lobby.panel.${decision}`)}
                  </button>
                ))}
              </li>
            ))}
          </ul>
          {n > 1 && (
            <div className="lobby-all">
              <button
                type="button"
                className="primary"
                data-testid="lobby-admit-all"
                onClick={() => void lobby.admitAll()}
              >
                {t('lobby.panel.admitAll')}
              </button>
              <button
                type="button"
                data-testid="lobby-deny-all"
                onClick={() => void lobby.denyAll()}
              >
                {t('lobby.panel.denyAll')}
              </button>
            </div>
          )}
          {lobby.failed && <p role="alert">{t('lobby.panel.failed')}</p>}
        </section>
      )}
    </>
  );
}
