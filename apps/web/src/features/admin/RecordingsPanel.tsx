import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminRecording } from '@stagecast/contracts';
import { adminApi } from '../../api/endpoints.js';
import { adminRecordingsQuery } from '../../api/queries.js';
import { queryKeys } from '../../api/query-keys.js';
import { formatClock } from '../plaza/format-time.js';
import { ConfirmDialog } from '../room/ConfirmDialog.js';
import { AdminTable } from './AdminTable.js';
import { formatBytes } from './format.js';
import { NoticeLine } from './notice.js';
import { useAdminAction } from './use-admin-action.js';

const IN_PROGRESS = new Set(['starting', 'active', 'ending']);
const COLUMNS = ['session', 'owner', 'started', 'duration', 'size', 'status', 'actions'] as const;

/**
 * Every session's recordings, newest first, with their size and the total; a finished one can
 * be deleted (after a confirmation), one still being made cannot.
 */
export function RecordingsPanel() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useQuery(adminRecordingsQuery(page));
  const remove = useAdminAction({
    run: (recording: AdminRecording) => adminApi.deleteRecording(recording.recording_id),
    done: (recording) => t('admin.recordings.deleted', { title: recording.session_title }),
    refresh: (recording) => [queryKeys.recordings(recording.session_id)],
  });
  const deleting = remove.asking;

  const column = (key: (typeof COLUMNS)[number]) => t(`admin.recordings.columns.${key}`);
  const unknown = t('admin.recordings.unknown');
  const recordings = list.data?.recordings ?? [];

  return (
    <section className="card admin-card" aria-labelledby="admin-recordings-title">
      <h2 id="admin-recordings-title">{t('admin.recordings.title')}</h2>
      {list.data && list.data.total > 0 && (
        <p className="admin-subtitle" data-testid="admin-recordings-total">
          {t('admin.recordings.total', {
            count: list.data.total,
            size: formatBytes(list.data.total_bytes, i18n.language),
          })}
        </p>
      )}
      <NoticeLine notice={remove.notice} />
      <AdminTable
        testId="admin-recordings"
        columns={COLUMNS.map(column)}
        list={list}
        paging={{ page, total: list.data?.total, onPage: setPage }}
        empty={t('admin.recordings.none')}
      >
        {recordings.map((r) => {
          const busy = IN_PROGRESS.has(r.status);
          return (
            <tr key={r.recording_id} data-testid="admin-recording-row">
              <th scope="row" className="admin-name">
                <Link to={`/live/${r.session_id}/recordings`}>{r.session_title}</Link>
              </th>
              <td data-label={column('owner')}>{r.owner.username}</td>
              <td data-label={column('started')}>
                {new Date(r.started_at ?? r.created_at).toLocaleString(i18n.language, {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                })}
              </td>
              <td data-label={column('duration')} className="admin-figure">
                {r.duration_seconds === null ? unknown : formatClock(r.duration_seconds * 1000)}
              </td>
              <td data-label={column('size')} className="admin-figure">
                {r.size_bytes === null ? unknown : formatBytes(r.size_bytes, i18n.language)}
              </td>
              <td data-label={column('status')}>{t(`shell.recordings.status.${r.status}`)}</td>
              <td data-label={column('actions')}>
                <button
                  type="button"
                  className="danger"
                  disabled={busy || (remove.mutation.isPending && remove.mutation.variables === r)}
                  title={busy ? t('admin.recordings.busyHint') : undefined}
                  onClick={() => remove.ask(r)}
                >
                  {t('admin.recordings.delete')}
                </button>
              </td>
            </tr>
          );
        })}
      </AdminTable>
      <ConfirmDialog
        {...remove.dialog}
        title={t('admin.recordings.confirmTitle', { title: deleting?.session_title ?? '' })}
        body={t('admin.recordings.confirmBody')}
        confirmLabel={t('admin.recordings.confirmOk')}
      />
    </section>
  );
}
