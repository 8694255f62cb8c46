import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminRecording } from '@stagecast/contracts';
import { adminApi } from '../../api/endpoints.js';
import { adminRecordingsQuery } from '../../api/queries.js';
import { queryKeys } from '../../api/query-keys.js';
import { formatClock } from '../plaza/format-time.js';
import { AdminTable } from './AdminTable.js';
import type { AdminColumn } from './AdminTable.js';
import { formatBytes } from './format.js';
import { useAdminAction } from './use-admin-action.js';

const IN_PROGRESS = new Set(['starting', 'active', 'ending']);

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
    confirm: (recording) => ({
      title: t('admin.recordings.confirmTitle', { title: recording.session_title }),
      body: t('admin.recordings.confirmBody'),
      confirmLabel: t('admin.recordings.confirmOk'),
    }),
  });
  const unknown = t('admin.recordings.unknown');
  const columns: AdminColumn<AdminRecording>[] = [
    {
      name: t('admin.recordings.columns.session'),
      cell: (r) => <Link to={`/live/${r.session_id}/recordings`}>{r.session_title}</Link>,
    },
    { name: t('admin.recordings.columns.owner'), cell: (r) => r.owner.username },
    {
      name: t('admin.recordings.columns.started'),
      cell: (r) =>
        new Date(r.started_at ?? r.created_at).toLocaleString(i18n.language, {
          dateStyle: 'medium',
          timeStyle: 'short',
        }),
    },
    {
      name: t('admin.recordings.columns.duration'),
      className: 'admin-figure',
      cell: (r) => (r.duration_seconds === null ? unknown : formatClock(r.duration_seconds * 1000)),
    },
    {
      name: t('admin.recordings.columns.size'),
      className: 'admin-figure',
      cell: (r) => (r.size_bytes === null ? unknown : formatBytes(r.size_bytes, i18n.language)),
    },
    {
      name: t('admin.recordings.columns.status'),
      cell: (r) => t(`shell.recordings.status.${r.status}`),
    },
    {
      name: t('admin.recordings.columns.actions'),
      cell: (r) => {
        const busy = IN_PROGRESS.has(r.status);
        return (
          <button
            type="button"
            className="danger"
            disabled={busy || (remove.mutation.isPending && remove.mutation.variables === r)}
            title={busy ? t('admin.recordings.busyHint') : undefined}
            onClick={() => remove.ask(r)}
          >
            {t('admin.recordings.delete')}
          </button>
        );
      },
    },
  ];

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
      <AdminTable
        testId="admin-recordings"
        columns={columns}
        items={list.data?.recordings}
        row={(r) => ({ key: r.recording_id, 'data-testid': 'admin-recording-row' })}
        failed={list.isError}
        action={remove}
        paging={{ page, total: list.data?.total, onPage: setPage }}
        empty={t('admin.recordings.none')}
      />
    </section>
  );
}
