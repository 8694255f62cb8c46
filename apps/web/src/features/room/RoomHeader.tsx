import type { Session, SessionRole } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { WaitingRoomSwitch } from './lobby/WaitingRoomSwitch.js';
import { canRunSession } from './roles.js';
import './room-header.css';

/** The session's title and state, the local role, and the host's waiting-room switch. */
export function RoomHeader({ session, role }: { session: Session; role: SessionRole }) {
  const { t } = useTranslation();
  return (
    <header className="room-header">
      <h1 className="room-title">{session.title}</h1>
      <p className="room-subtitle">
        {session.status === 'live' ? (
          <span className="badge live-badge">{t('room.header.live')}</span>
        ) : (
          <span className="badge">{t('room.header.notLive')}</span>
        )}
        <span>{t('room.header.host', { name: session.host.username })}</span>
        <span className={`role-badge role-badge--${role}`}>
          {t('room.header.youAre', { role: t(`room.roles.${role}`) })}
        </span>
        {canRunSession(role) && <WaitingRoomSwitch />}
      </p>
      {session.status === 'scheduled' && role === 'host' && (
        <p className="room-notice" role="status">
          {t('room.header.prepareHint')}
        </p>
      )}
    </header>
  );
}
