import { useTranslation } from 'react-i18next';
import { countdown } from './countdown.js';
import { useNow } from '../../../lib/use-now.js';

/** When a scheduled session starts, and a live countdown to it. */
export function NotLiveDetails({ scheduledAt }: { scheduledAt: string | null }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const start = scheduledAt ? Date.parse(scheduledAt) : Number.NaN;
  if (Number.isNaN(start)) return <p>{t('room.screens.not_live.noTime')}</p>;
  const left = countdown(start, now);
  const when = new Date(start).toLocaleString(i18n.language, {
    dateStyle: 'full',
    timeStyle: 'short',
  });
  return (
    <>
      <p>
        {t('room.screens.not_live.startsAt')} <time dateTime={scheduledAt ?? ''}>{when}</time>
      </p>
      <p className="room-countdown" data-testid="countdown" aria-live="off">
        {left.due
          ? t('room.screens.not_live.due')
          : left.days > 0
            ? t('room.screens.not_live.inDays', { days: left.days, hours: left.hours })
            : t('room.screens.not_live.in', { clock: left.clock })}
      </p>
    </>
  );
}
