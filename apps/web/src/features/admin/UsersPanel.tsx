import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser, User, UserRole } from '@stagecast/contracts';
import { userRoleSchema } from '@stagecast/contracts';
import { adminApi } from '../../api/endpoints.js';
import { adminUsersQuery } from '../../api/queries.js';
import { ConfirmDialog } from '../room/ConfirmDialog.js';
import { AdminTable } from './AdminTable.js';
import { NoticeLine } from './notice.js';
import { useAdminAction } from './use-admin-action.js';
import { useDebounced } from './use-debounced.js';

const COLUMNS = ['user', 'email', 'role', 'status', 'created', 'actions'] as const;

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
  });
  const disabling = act.asking?.user;

  const column = (key: (typeof COLUMNS)[number]) => t(`admin.users.columns.${key}`);
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);
  const users = list.data?.users ?? [];

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
      <NoticeLine notice={act.notice} />
      <AdminTable
        testId="admin-users"
        columns={COLUMNS.map(column)}
        list={list}
        paging={{ page, total: list.data?.total, onPage: setPage }}
        empty={t('admin.users.none')}
      >
        {users.map((u) => {
          const self = u.id === me.id;
          const busy = act.mutation.isPending && act.mutation.variables?.user.id === u.id;
          return (
            <tr
              key={u.id}
              data-testid="admin-user-row"
              data-user-id={u.id}
              data-disabled={u.disabled_at !== null}
            >
              <th scope="row" className="admin-name">
                {u.username}
                {self && <span className="badge">{t('admin.users.you')}</span>}
              </th>
              <td data-label={column('email')} className="admin-email">
                {u.email ?? '—'}
              </td>
              <td data-label={column('role')}>
                <select
                  value={u.role}
                  aria-label={t('admin.users.roleOf', { name: u.username })}
                  disabled={busy}
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
              </td>
              <td data-label={column('status')}>
                {u.disabled_at ? (
                  <span className="admin-state admin-state--bad">
                    {t('admin.users.disabledSince', { time: date(u.disabled_at) })}
                  </span>
                ) : (
                  <span className="admin-state admin-state--good">{t('admin.users.active')}</span>
                )}
              </td>
              <td data-label={column('created')}>{date(u.created_at)}</td>
              <td data-label={column('actions')}>
                {u.disabled_at ? (
                  <button
                    type="button"
                    disabled={busy}
                    data-testid={`admin-enable-${u.id}`}
                    onClick={() => act.mutation.mutate({ kind: 'enable', user: u })}
                  >
                    {t('admin.users.enable')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="danger"
                    disabled={busy || self}
                    title={self ? t('admin.users.selfHint') : undefined}
                    data-testid={`admin-disable-${u.id}`}
                    onClick={() => act.ask({ kind: 'disable', user: u })}
                  >
                    {t('admin.users.disable')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </AdminTable>
      <ConfirmDialog
        {...act.dialog}
        title={t('admin.users.confirmTitle', { name: disabling?.username ?? '' })}
        body={t('admin.users.confirmBody', { name: disabling?.username ?? '' })}
        confirmLabel={t('admin.users.confirmOk')}
      />
    </section>
  );
}
