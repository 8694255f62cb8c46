import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser, User, UserRole } from '@stagecast/contracts';
import { userRoleSchema } from '@stagecast/contracts';
import { adminApi } from '../../api/endpoints.js';
import { adminUsersQuery } from '../../api/queries.js';
import { AdminTable } from './AdminTable.js';
import type { AdminColumn } from './AdminTable.js';
import { useAdminAction } from './use-admin-action.js';
import { useDebounced } from './use-debounced.js';

/** One action on an account, as the mutation takes it. */
type UserAction =
  | { kind: 'role'; user: AdminUser; role: UserRole }
  | { kind: 'disable' | 'enable'; user: AdminUser };

/**
 * Accounts: search by part of the email or username, change a role, disable (after a
 * confirmation: it signs the account out everywhere and removes it from its rooms) or enable.
 * One's own account cannot be disabled.
 */
export function UsersPanel({ me }: { me: User }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const query = useDebounced(search.trim(), 300);
  const list = useQuery(adminUsersQuery(query, page));

  const act = useAdminAction({
    run: async (action: UserAction) => {
      const { user } = action;
      if (action.kind === 'role') return adminApi.setRole(user.id, action.role);
      return action.kind === 'disable' ? adminApi.disable(user.id) : adminApi.enable(user.id);
    },
    done: (action) => {
      const name = action.user.username;
      return action.kind === 'role'
        ? t('admin.users.roleChanged', { name, role: t(`admin.users.roles.${action.role}`) })
        : t(action.kind === 'disable' ? 'admin.users.disabled' : 'admin.users.enabled', { name });
    },
    confirm: ({ user }) => ({
      title: t('admin.users.confirmTitle', { name: user.username }),
      body: t('admin.users.confirmBody', { name: user.username }),
      confirmLabel: t('admin.users.confirmOk'),
    }),
  });
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);
  const busy = (u: AdminUser) => act.mutation.isPending && act.mutation.variables?.user.id === u.id;
  const columns: AdminColumn<AdminUser>[] = [
    {
      name: t('admin.users.columns.user'),
      cell: (u) => (
        <>
          {u.username}
          {u.id === me.id && <span className="badge">{t('admin.users.you')}</span>}
        </>
      ),
    },
    {
      name: t('admin.users.columns.email'),
      className: 'admin-email',
      cell: (u) => u.email ?? '—',
    },
    {
      name: t('admin.users.columns.role'),
      cell: (u) => (
        <select
          value={u.role}
          aria-label={t('admin.users.roleOf', { name: u.username })}
          disabled={busy(u)}
          data-testid={`admin-role-${u.id}`}
          onChange={(event) =>
            act.mutation.mutate({
              kind: 'role',
              user: u,
              role: userRoleSchema.parse(event.target.value),
            })
          }
        >
          {userRoleSchema.options.map((role) => (
            <option key={role} value={role}>
              {t(`admin.users.roles.${role}`)}
            </option>
          ))}
        </select>
      ),
    },
    {
      name: t('admin.users.columns.status'),
      cell: (u) =>
        u.disabled_at ? (
          <span className="admin-state admin-state--bad">
            {t('admin.users.disabledSince', { time: date(u.disabled_at) })}
          </span>
        ) : (
          <span className="admin-state admin-state--good">{t('admin.users.active')}</span>
        ),
    },
    { name: t('admin.users.columns.created'), cell: (u) => date(u.created_at) },
    {
      name: t('admin.users.columns.actions'),
      cell: (u) =>
        u.disabled_at ? (
          <button
            type="button"
            disabled={busy(u)}
            data-testid={`admin-enable-${u.id}`}
            onClick={() => act.mutation.mutate({ kind: 'enable', user: u })}
          >
            {t('admin.users.enable')}
          </button>
        ) : (
          <button
            type="button"
            className="danger"
            disabled={busy(u) || u.id === me.id}
            title={u.id === me.id ? t('admin.users.selfHint') : undefined}
            data-testid={`admin-disable-${u.id}`}
            onClick={() => act.ask({ kind: 'disable', user: u })}
          >
            {t('admin.users.disable')}
          </button>
        ),
    },
  ];

  return (
    <section className="card admin-card" aria-labelledby="admin-users-title">
      <h2 id="admin-users-title">
        {t('admin.users.title')}
        {list.data && (
          <span className="admin-count">{t('admin.users.count', { count: list.data.total })}</span>
        )}
      </h2>
      <div className="admin-toolbar">
        <input
          type="search"
          aria-label={t('admin.users.search')}
          value={search}
          placeholder={t('admin.users.search')}
          maxLength={100}
          data-testid="admin-user-search"
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
      </div>
      <AdminTable
        testId="admin-users"
        columns={columns}
        items={list.data?.users}
        row={(u) => ({
          key: u.id,
          'data-testid': 'admin-user-row',
          'data-user-id': u.id,
          'data-disabled': u.disabled_at !== null,
        })}
        failed={list.isError}
        action={act}
        paging={{ page, total: list.data?.total, onPage: setPage }}
        empty={t('admin.users.none')}
      />
    </section>
  );
}
