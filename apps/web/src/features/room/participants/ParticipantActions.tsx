import { useTranslation } from 'react-i18next';
import type { ModerationActions } from '../roles.js';
import type { ParticipantRowModel } from './participants-state.js';

/** A moderation request from a row; kicks are confirmed first by the panel. */
export type ModerationRequest =
  { kind: 'role'; role: 'speaker' | 'co_host' | 'viewer' } | { kind: 'mute' } | { kind: 'kick' };

type ActionName = 'promote' | 'cohost' | 'demote' | 'mute' | 'kick';

export interface ParticipantActionsProps {
  row: ParticipantRowModel;
  actions: ModerationActions;
  busy: boolean;
  onAction: (row: ParticipantRowModel, request: ModerationRequest) => void;
}

/** The buttons a host or co-host gets on one participant, each named with the person. */
export function ParticipantActions({ row, actions, busy, onAction }: ParticipantActionsProps) {
  const { t } = useTranslation();
  const name = row.name;
  const button = (
    testId: ActionName,
    label: string,
    request: ModerationRequest,
    danger = false,
  ) => (
    <button
      type="button"
      className={danger ? 'small danger' : 'small'}
      data-testid={`${testId}-${row.userId}`}
      aria-label={label}
      disabled={busy}
      onClick={() => onAction(row, request)}
    >
      {t(`room.people.short.${testId}`)}
    </button>
  );
  return (
    <div
      className="participant-actions"
      role="group"
      aria-label={t('room.people.actionsFor', { name })}
    >
      {actions.promote &&
        button('promote', t('room.people.promote', { name }), { kind: 'role', role: 'speaker' })}
      {actions.makeCoHost &&
        button('cohost', t('room.people.makeCoHost', { name }), { kind: 'role', role: 'co_host' })}
      {actions.demote &&
        button('demote', t('room.people.demote', { name }), { kind: 'role', role: 'viewer' })}
      {actions.mute && button('mute', t('room.people.mute', { name }), { kind: 'mute' })}
      {actions.kick && button('kick', t('room.people.kick', { name }), { kind: 'kick' }, true)}
    </div>
  );
}
