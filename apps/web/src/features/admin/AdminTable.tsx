import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CardTable } from '../../lib/CardTable.js';
import { ConfirmDialog } from '../room/ConfirmDialog.js';
import type { ConfirmDialogProps } from '../room/ConfirmDialog.js';
import { NoticeLine } from './notice.js';
import type { Notice } from './notice.js';
import { Pager } from './Pager.js';
import type { PagerProps } from './Pager.js';

/** One column of an admin table: its name in the header, and its cell for each item. */
export interface AdminColumn<Item> {
  name: string;
  cell: (item: Item) => ReactNode;
  /** Classes of the column's cells (the first column's beside `admin-name`). */
  className?: string;
  /** The `data-testid` of the column's cells. */
  testId?: string;
}

/** A row's React key and its `data-*` attributes (the test ids and states the tests read). */
export type AdminRowProps = { key: string | number } & {
  [attribute: `data-${string}`]: string | number | boolean;
};

/**
 * An admin list under its panel's notice line: a table in its scrolling frame when it has items,
 * or what stands in its place: the load failure, or (once loaded: `items` given) the text for an
 * empty list; a paged list has its pager under it, and the panel's action on its rows
 * (`useAdminAction`) its notice above and its confirmation. Each item is a row of `columns`: the first
 * column's cell is the row's header, every other cell carries its column's name for the phone
 * layout (see CardTable).
 */
export function AdminTable<Item>(props: {
  testId: string;
  className?: string;
  columns: readonly AdminColumn<Item>[];
  /** Undefined until the list is loaded. */
  items: readonly Item[] | undefined;
  row: (item: Item) => AdminRowProps;
  failed: boolean;
  empty: string;
  notice?: Notice | undefined;
  /** The panel's action on its rows: its notice and its confirmation (see useAdminAction). */
  action?: { notice: Notice | undefined; dialog: ConfirmDialogProps };
  paging?: PagerProps;
}) {
  const { t } = useTranslation();
  const { items = [], columns, className, paging, action } = props;
  const [header, ...cells] = columns;
  return (
    <>
      <NoticeLine notice={action ? action.notice : props.notice} />
      {props.failed && <p className="error">{t('admin.loadFailed')}</p>}
      {props.items?.length === 0 && <p className="empty">{props.empty}</p>}
      {items.length > 0 && header && (
        <div className="admin-table-wrap">
          <CardTable
            testId={props.testId}
            columns={columns.map((column) => column.name)}
            className={className ? `admin-table ${className}` : 'admin-table'}
          >
            {items.map((item) => {
              const { key, ...data } = props.row(item);
              return (
                <tr key={key} {...data}>
                  <th scope="row" className={`admin-name ${header.className ?? ''}`.trim()}>
                    {header.cell(item)}
                  </th>
                  {cells.map((column) => (
                    <td
                      key={column.name}
                      data-label={column.name}
                      className={column.className}
                      data-testid={column.testId}
                    >
                      {column.cell(item)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </CardTable>
        </div>
      )}
      {paging && <Pager {...paging} />}
      {action && <ConfirmDialog {...action.dialog} />}
    </>
  );
}
