import { Eye, Mic, MicOff, ShieldCheck, UserX, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ModerationActions } from '../roles.js';
import type { ParticipantRowModel } from './participants-state.js';

/** A moderation request from a row; kicks are confirmed first by the panel. */
export type ModerationRequest =
  { kind: 'role'; role: 'speaker' | 'co_host' | 'viewer' } | { kind: 'mute' } | { kind: 'kick' };

type ActionName = 'promote' | 'cohost' | 'demote' | 'mute' | 'kick';

const ACTION_ICONS: Record<ActionName, LucideIcon> = {
  promote: Mic,
  cohost: ShieldCheck,
  demote: Eye,
  mute: MicOff,
  kick: UserX,
};

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
  // The visible action starts the accessible name, so speech input can say what it shows.
  const button = (action: ActionName, request: ModerationRequest, danger = false) => {
    const label = t(`room.people.actions.${action}`);
    const Icon = ACTION_ICONS[action];
    return (
      <button
        type="button"
        className={danger ? 'small danger' : 'small'}
        data-testid={`${action}-${row.userId}`}
        aria-label={t('room.people.actionOn', { action: label, name })}
        disabled={busy}
        onClick={() => onAction(row, request)}
      >
        <Icon aria-hidden="true" size={16} />
        {label}
      </button>
    );
  };
  return (
    <div
      className="participant-actions"
      role="group"
      aria-label={t('room.people.actionsFor', { name })}
    >
      {actions.promote && button('promote', { kind: 'role', role: 'speaker' })}
      {actions.makeCoHost && button('cohost', { kind: 'role', role: 'co_host' })}
      {actions.demote && button('demote', { kind: 'role', role: 'viewer' })}
      {actions.mute && button('mute', { kind: 'mute' })}
      {actions.kick && button('kick', { kind: 'kick' }, true)}
    </div>
  );
}
