import { useTranslation } from 'react-i18next';

/** Previous and next through a paged list, and where one is; nothing when it fits one page. */
export function Pager(props: {
  page: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
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
