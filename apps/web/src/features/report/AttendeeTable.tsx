import type { Attendee } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { CardTable } from '../../lib/CardTable.js';
import { formatClock } from '../plaza/format-time.js';

const COLUMNS = ['name', 'role', 'firstJoin', 'lastLeave', 'joins', 'total'] as const;

/**
 * Who attended: one row per person (names rendered as text). At phone width each row becomes a
 * small card whose cells carry their column's name (`data-label`, see lib/card-table.css).
 */
export function AttendeeTable({ attendees }: { attendees: Attendee[] }) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(i18n.language, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  const column = (key: (typeof COLUMNS)[number]) => t(`shell.report.columns.${key}`);
  return (
    <CardTable className="attendee-table" testId="attendee-table" columns={COLUMNS.map(column)}>
      {attendees.map((a) => (
        <tr key={a.identity} data-testid="attendee-row" data-identity={a.identity}>
          <th scope="row" className="attendee-name">
            {a.display_name}
          </th>
          <td data-label={column('role')}>{t(`room.roles.${a.role}`)}</td>
          <td data-label={column('firstJoin')}>{time(a.first_join)}</td>
          <td data-label={column('lastLeave')}>
            {a.last_leave ? time(a.last_leave) : t('shell.report.stillHere')}
          </td>
          <td data-label={column('joins')}>{a.joins}</td>
          <td data-label={column('total')}>{formatClock(a.total_seconds * 1000)}</td>
        </tr>
      ))}
    </CardTable>
  );
}
