import { Children } from 'react';
import { useTranslation } from 'react-i18next';
import { CardTable } from '../../lib/CardTable.js';
import type { CardTableProps } from '../../lib/CardTable.js';
import { Pager } from './Pager.js';
import type { PagerProps } from './Pager.js';

/** Where an admin list's rows come from: its query, failed or (once `data` is there) loaded. */
export interface ListState {
  isError: boolean;
  data?: unknown;
}

/**
 * An admin list as a table in its scrolling frame when it has rows (its children), or what
 * stands in its place: the load failure, or (once loaded) the text for an empty list; a paged
 * list has its pager under it.
 */
export function AdminTable(
  props: Omit<CardTableProps, 'className'> & {
    className?: string;
    list: ListState;
    empty: string;
    paging?: PagerProps;
  },
) {
  const { t } = useTranslation();
  const { list, empty, className, paging, ...table } = props;
  const rows = Children.count(table.children);
  return (
    <>
      {list.isError && <p className="error">{t('admin.loadFailed')}</p>}
      {list.data !== undefined && rows === 0 && <p className="empty">{empty}</p>}
      {rows > 0 && (
        <div className="admin-table-wrap">
          <CardTable
            {...table}
            className={className ? `admin-table ${className}` : 'admin-table'}
          />
        </div>
      )}
      {paging && <Pager {...paging} />}
    </>
  );
}
