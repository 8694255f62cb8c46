import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLobbyWait } from './useLobbyWait.js';
import type { LobbyOutcome } from './useLobbyWait.js';
import './lobby.css';

export interface LobbyWaitScreenProps {
  waitUrl: string;
  displayName: string;
  onOutcome: (outcome: LobbyOutcome) => void;
}

/** The waiting page: shown while a host decides; leaving it withdraws the knock. */
export function LobbyWaitScreen({ waitUrl, displayName, onOutcome }: LobbyWaitScreenProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { lost } = useLobbyWait(waitUrl, onOutcome);
  return (
    <section
      className="card room-screen lobby-wait"
      aria-labelledby={titleId}
      data-testid="lobby-waiting"
    >
      <div className="lobby-wait-pulse" aria-hidden="true" />
      <h1 id={titleId}>{t('lobby.wait.title')}</h1>
      <p>{t('lobby.wait.body')}</p>
      {displayName && <p>{t('lobby.wait.as', { name: displayName })}</p>}
      <p role="status" aria-live="polite">
        {lost ? t('lobby.wait.lost') : ''}
      </p>
      <div className="room-screen-actions">
        <Link to="/live" className="button" data-testid="lobby-leave">
          {t('lobby.wait.leave')}
        </Link>
      </div>
    </section>
  );
}
