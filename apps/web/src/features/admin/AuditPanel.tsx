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
import type { AdminColumn } from './AdminTable.js';
import { describeDetails } from './audit-details.js';
import { MoreButton } from './Pager.js';

/**
 * The audit log, newest first, 50 entries at a time going back; filtered by action, session or
 * actor (an actor's or a session's own entries are one click away in the table).
 */
export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [draft, setDraft] = useState({ action: '', session_id: '', actor_id: '' });
  const log = useInfiniteQuery(adminAuditQuery(filter));

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
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  const columns: AdminColumn<AuditEntry>[] = [
    { name: t('admin.audit.columns.action'), cell: (e) => t(`admin.audit.actions.${e.action}`) },
    {
      name: t('admin.audit.columns.time'),
      cell: (e) => <time dateTime={e.at}>{when(e.at)}</time>,
    },
    {
      name: t('admin.audit.columns.actor'),
      cell: (e) => (
        <button
          type="button"
          className="link-button"
          title={t('admin.audit.byActor', { name: e.actor.name })}
          onClick={() => apply({ ...draft, actor_id: e.actor.id })}
        >
          {e.actor.name}
        </button>
      ),
    },
    {
      name: t('admin.audit.columns.target'),
      cell: (e) => e.target?.name ?? e.target?.identity ?? e.target?.user_id ?? '',
    },
    {
      name: t('admin.audit.columns.session'),
      cell: (e) =>
        e.session_id && (
          <button
            type="button"
            className="link-button admin-id"
            title={t('admin.audit.bySession')}
            onClick={() => apply({ ...draft, session_id: e.session_id ?? '' })}
          >
            {e.session_id.slice(0, 8)}
          </button>
        ),
    },
    { name: t('admin.audit.columns.address'), className: 'admin-id', cell: (e) => e.ip ?? '' },
    {
      name: t('admin.audit.columns.details'),
      className: 'admin-details',
      cell: (e) => describeDetails(e.details),
    },
  ];
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
        columns={columns}
        items={log.data?.pages.flatMap((page) => page.entries)}
        row={(e) => ({
          key: e.id,
          'data-testid': 'audit-row',
          'data-action': e.action,
          'data-actor-id': e.actor.id,
        })}
        failed={log.isError && !invalid}
        empty={t('admin.audit.none')}
      />
      <MoreButton list={log} label={t('admin.audit.more')} />
    </section>
  );
}
