import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEntry } from '@stagecast/contracts';
import { auditActionSchema } from '@stagecast/contracts';
import { ApiError } from '../../api/client.js';
import { adminAuditQuery } from '../../api/queries.js';
import type { AuditFilter } from '../../api/query-keys.js';
import { AdminTable } from './AdminTable.js';
import { describeDetails } from './audit-details.js';
import { MoreButton } from './Pager.js';

const COLUMNS = ['action', 'time', 'actor', 'target', 'session', 'address', 'details'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * The audit log, newest first, 50 entries at a time going back; filtered by action, session or
 * actor (an actor's or a session's own entries are one click away in the table).
 */
export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [draft, setDraft] = useState({ action: '', session_id: '', actor_id: '' });
  const log = useInfiniteQuery(adminAuditQuery(filter));
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];

  const apply = (next: typeof draft) => {
    setDraft(next);
    setFilter({
      action: next.action ? (next.action as AuditAction) : undefined,
      session_id: next.session_id.trim() || undefined,
      actor_id: next.actor_id.trim() || undefined,
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  /** A filter typed in (applied on submit), named by its placeholder. */
  const idField = (name: 'session_id' | 'actor_id', label: string, maxLength: number) => (
    <input
      aria-label={label}
      placeholder={label}
      value={draft[name]}
      maxLength={maxLength}
      onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
    />
  );
  const column = (key: Column) => t(`admin.audit.columns.${key}`);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  const invalid =
    log.error instanceof ApiError && log.error.code === 'VALIDATION_FAILED' ? log.error : null;

  return (
    <section className="card admin-card" aria-labelledby="admin-audit-title">
      <h2 id="admin-audit-title">{t('admin.audit.title')}</h2>
      <form
        className="admin-toolbar admin-filters"
        aria-label={t('admin.audit.filters')}
        onSubmit={onSubmit}
      >
        <select
          aria-label={t('admin.audit.action')}
          value={draft.action}
          data-testid="audit-action"
          onChange={(event) => apply({ ...draft, action: event.target.value })}
        >
          <option value="">{t('admin.audit.allActions')}</option>
          {auditActionSchema.options.map((action) => (
            <option key={action} value={action}>
              {t(`admin.audit.actions.${action}`)}
            </option>
          ))}
        </select>
        {idField('session_id', t('admin.audit.session'), 36)}
        {idField('actor_id', t('admin.audit.actor'), 100)}
        <button type="submit">{t('admin.audit.apply')}</button>
        <button type="button" onClick={() => apply({ action: '', session_id: '', actor_id: '' })}>
          {t('admin.audit.clear')}
        </button>
      </form>
      {invalid && (
        <p className="error" role="alert">
          {t('admin.failed', { message: invalid.message })}
        </p>
      )}
      <AdminTable
        className="audit-table"
        testId="admin-audit"
        columns={COLUMNS.map(column)}
        list={{ isError: log.isError && !invalid, data: log.data }}
        empty={t('admin.audit.none')}
      >
        {entries.map((entry) => (
          <AuditRow
            key={entry.id}
            entry={entry}
            when={when(entry.at)}
            column={column}
            onActor={() => apply({ ...draft, actor_id: entry.actor.id })}
            onSession={() => apply({ ...draft, session_id: entry.session_id ?? '' })}
          />
        ))}
      </AdminTable>
      <MoreButton list={log} label={t('admin.audit.more')} />
    </section>
  );
}

function AuditRow(props: {
  entry: AuditEntry;
  when: string;
  column: (key: Column) => string;
  onActor: () => void;
  onSession: () => void;
}) {
  const { t } = useTranslation();
  const { entry, column } = props;
  const target = entry.target?.name ?? entry.target?.identity ?? entry.target?.user_id;
  return (
    <tr data-testid="audit-row" data-action={entry.action} data-actor-id={entry.actor.id}>
      <th scope="row" className="admin-name">
        {t(`admin.audit.actions.${entry.action}`)}
      </th>
      <td data-label={column('time')}>
        <time dateTime={entry.at}>{props.when}</time>
      </td>
      <td data-label={column('actor')}>
        <button
          type="button"
          className="link-button"
          title={t('admin.audit.byActor', { name: entry.actor.name })}
          onClick={props.onActor}
        >
          {entry.actor.name}
        </button>
      </td>
      <td data-label={column('target')}>{target ?? ''}</td>
      <td data-label={column('session')}>
        {entry.session_id && (
          <button
            type="button"
            className="link-button admin-id"
            title={t('admin.audit.bySession')}
            onClick={props.onSession}
          >
            {entry.session_id.slice(0, 8)}
          </button>
        )}
      </td>
      <td data-label={column('address')} className="admin-id">
        {entry.ip ?? ''}
      </td>
      <td data-label={column('details')} className="admin-details">
        {describeDetails(entry.details)}
      </td>
    </tr>
  );
}
