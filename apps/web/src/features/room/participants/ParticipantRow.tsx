import type { Participant as LiveKitParticipant } from 'livekit-client';
import { Hand } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ParticipantQualityBadge } from '../stage/ConnectionQualityBadge.js';
import type { ModerationActions } from '../roles.js';
import { ParticipantActions, type ModerationRequest } from './ParticipantActions.js';
import type { ParticipantRowModel } from './participants-state.js';

export interface ParticipantRowProps {
  row: ParticipantRowModel;
  participant: LiveKitParticipant | undefined;
  actions: ModerationActions;
  busy: boolean;
  onAction: (row: ParticipantRowModel, request: ModerationRequest) => void;
}

/** One person: name, role, raised hand, connection quality, and moderation buttons. */
export function ParticipantRow({ row, participant, actions, busy, onAction }: ParticipantRowProps) {
  const { t } = useTranslation();
  const anyAction = Object.values(actions).some(Boolean);
  return (
    <li
      className={row.handRaised ? 'participant-row hand-raised' : 'participant-row'}
      data-testid={`participant-${row.userId}`}
      data-identity={row.identity}
      data-role={row.role}
      data-hand-raised={row.handRaised}
    >
      <div className="participant-info">
        <span className="participant-name">
          {row.name}
          {row.isLocal && <span className="room-muted"> {t('room.people.you')}</span>}
        </span>
        <span className={`role-badge role-badge--${row.role}`}>{t(`room.roles.${row.role}`)}</span>
        {row.handRaised && (
          <span
            className="hand"
            role="img"
            aria-label={t('room.people.handRaised', { name: row.name })}
            data-testid={`hand-${row.userId}`}
          >
            <Hand aria-hidden="true" size={18} />
          </span>
        )}
        {participant && <ParticipantQualityBadge participant={participant} />}
      </div>
      {anyAction && (
        <ParticipantActions row={row} actions={actions} busy={busy} onAction={onAction} />
      )}
    </li>
  );
}
