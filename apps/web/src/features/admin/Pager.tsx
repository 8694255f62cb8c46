import { useTranslation } from 'react-i18next';
import { ADMIN_PAGE_SIZE } from '../../api/queries.js';

/** Where a paged list is, and how to go to another page. */
export interface PagerProps {
  page: number;
  total: number | undefined;
  onPage: (page: number) => void;
}

/**
 * Previous and next through a paged admin list, and where one is; nothing before the list's
 * `total` is known, nor when it fits one page.
 */
export function Pager(props: PagerProps) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil((props.total ?? 0) / ADMIN_PAGE_SIZE));
  if (pages <= 1) return null;
  return (
    <nav className="admin-pager" aria-label={t('admin.pager.page', { page: props.page, pages })}>
      <button type="button" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        {t('admin.pager.previous')}
      </button>
      <span>{t('admin.pager.page', { page: props.page, pages })}</span>
      <button
        type="button"
        disabled={props.page >= pages}
        onClick={() => props.onPage(props.page + 1)}
      >
        {t('admin.pager.next')}
      </button>
    </nav>
  );
}

/** A list loaded page after page going back: whether there is more and how to fetch it. */
export interface MoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The button under a list loaded going back that fetches its next page; nothing at its end. */
export function MoreButton(props: { list: MoreProps; label: string }) {
  const { list } = props;
  if (!list.hasNextPage) return null;
  return (
    <p>
      <button
        type="button"
        disabled={list.isFetchingNextPage}
        onClick={() => void list.fetchNextPage()}
      >
        {props.label}
      </button>
    </p>
  );
}
