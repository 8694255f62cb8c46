import { useEffect, useMemo, useRef } from 'react';
import type { SessionRole } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import type { ParticipantRowModel } from '../participants/participants-state.js';
import { canModerate } from '../roles.js';
import { useRecordingOn } from '../useRecordingOn.js';
import { toastEvents, type ToastEvent, type ToastWatch } from './toast-events.js';
import { useToasts } from './useToasts.js';

/**
 * The room's toasts: a raised hand (to moderators), the local participant's promotion, the
 * recording starting and stopping. Returns what `ToastRegion` shows.
 */
export function useRoomToasts(rows: readonly ParticipantRowModel[], role: SessionRole) {
  const { t } = useTranslation();
  const recording = useRecordingOn();
  const { toasts, push, dismiss } = useToasts();
  // A string, so the watched state changes only when the raised hands do (rows are new arrays).
  const handKey = JSON.stringify(
    rows.filter((row) => row.handRaised && !row.isLocal).map((row) => [row.identity, row.name]),
  );
  const watch = useMemo<ToastWatch>(
    () => ({
      hands: new Map(JSON.parse(handKey) as [string, string][]),
      role,
      recording,
      moderator: canModerate(role),
    }),
    [handKey, role, recording],
  );
  const previous = useRef<ToastWatch | undefined>(undefined);
  useEffect(() => {
    const text = (event: ToastEvent) =>
      event.kind === 'handRaised'
        ? t('room.toasts.handRaised', { name: event.name })
        : event.kind === 'promoted'
          ? t('room.toasts.promoted', { role: t(`room.roles.${event.role}`) })
          : t(`room.toasts.${event.kind}`);
    for (const event of toastEvents(previous.current, watch)) push(text(event));
    previous.current = watch;
  }, [watch, push, t]);
  return { toasts, dismiss };
}
