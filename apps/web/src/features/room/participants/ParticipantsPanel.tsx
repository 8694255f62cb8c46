import { useState } from 'react';
import type { SessionRole } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { sessionsApi } from '../../../api/endpoints.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { moderationActions } from '../roles.js';
import type { ModerationRequest } from './ParticipantActions.js';
import { ParticipantRow } from './ParticipantRow.js';
import type { ParticipantRowModel } from './participants-state.js';
import type { ParticipantsModel } from './useParticipantsModel.js';
import { RoomError } from '../RoomError.js';
import './participants.css';

export interface ParticipantsPanelProps {
  sessionId: string;
  model: ParticipantsModel;
  /** The local participant's live role and identity. */
  role: SessionRole;
  identity: string;
}

/** Everyone in the room, raised hands first within each role, with moderation for hosts. */
export function ParticipantsPanel({ sessionId, model, role, identity }: ParticipantsPanelProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [kicking, setKicking] = useState<ParticipantRowModel | undefined>(undefined);

  const perform = async (row: ParticipantRowModel, request: ModerationRequest) => {
    setBusy(row.userId);
    setFailed(false);
    try {
      if (request.kind === 'role') await sessionsApi.setRole(sessionId, row.userId, request.role);
      else if (request.kind === 'mute') await sessionsApi.mute(sessionId, row.userId, 'microphone');
      else await sessionsApi.kick(sessionId, row.userId);
      model.refresh();
    } catch {
      setFailed(true);
    } finally {
      setBusy(undefined);
    }
  };

  const onAction = (row: ParticipantRowModel, request: ModerationRequest) => {
    if (request.kind === 'kick') setKicking(row);
    else void perform(row, request);
  };

  const hands = model.rows.filter((row) => row.handRaised).length;
  return (
    <div className="people-panel">
      <p className="room-muted" aria-live="polite">
        {t('room.people.count', { n: model.rows.length })}
        {hands > 0 && ` · ${t('room.people.hands', { count: hands })}`}
      </p>
      {failed && <RoomError>{t('room.people.actionFailed')}</RoomError>}
      <ul className="people-list" aria-label={t('room.people.label')}>
        {model.rows.map((row) => (
          <ParticipantRow
            key={row.identity}
            row={row}
            participant={model.byIdentity.get(row.identity)}
            actions={moderationActions(role, row, identity)}
            busy={busy === row.userId}
            onAction={onAction}
          />
        ))}
      </ul>
      <ConfirmDialog
        open={kicking !== undefined}
        title={t('room.confirm.kickTitle', { name: kicking?.name ?? '' })}
        body={t('room.confirm.kickBody')}
        confirmLabel={t('room.people.actions.kick')}
        onConfirm={() => {
          if (kicking) void perform(kicking, { kind: 'kick' });
        }}
        onClose={() => setKicking(undefined)}
      />
    </div>
  );
}
