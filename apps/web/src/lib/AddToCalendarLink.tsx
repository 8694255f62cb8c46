import { CalendarPlus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { calendarUrl } from '../api/endpoints.js';

/** "Add to calendar": downloads the session's `.ics`, which the system opens in its calendar. */
export function AddToCalendarLink(props: {
  sessionId: string;
  title: string;
  inviteToken?: string;
}) {
  const { t } = useTranslation();
  return (
    <a
      href={calendarUrl(props.sessionId, props.inviteToken)}
      download
      className="button"
      data-testid={`calendar-${props.sessionId}`}
      aria-label={t('shell.calendar.addNamed', { title: props.title })}
    >
      <CalendarPlus aria-hidden="true" size={18} />
      {t('shell.calendar.add')}
    </a>
  );
}
