import '../../lib/card-table.css';
import './admin.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { User } from '@stagecast/contracts';
import { useAuth } from '../auth/auth-context.js';
import { AuditPanel } from './AuditPanel.js';
import { OverviewPanel } from './OverviewPanel.js';
import { RecordingsPanel } from './RecordingsPanel.js';
import { UsersPanel } from './UsersPanel.js';
import { WebhooksPanel } from './WebhooksPanel.js';

const TABS = ['overview', 'users', 'recordings', 'audit', 'webhooks'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.includes(value as Tab);

/**
 * `/admin`: what an operator needs (issue 12), for admin accounts only. The tab is in the URL
 * (`?tab=users`), so a reload or a shared link opens the same one. Anyone else gets a page that
 * says so; the API refuses them anyway (403).
 */
export function AdminPage() {
  const { user } = useAuth();
  const { t } = useTranslation();
  if (user === undefined) return <p role="status">{t('shell.loading')}</p>;
  if (user?.role !== 'admin') return <AdminOnly user={user} />;
  return <AdminConsole me={user} />;
}

/** The clear refusal: who is signed in, and what would open the page. */
function AdminOnly({ user }: { user: User | null }) {
  const { t } = useTranslation();
  return (
    <section className="card narrow" role="alert" data-testid="admin-denied">
      <h1 className="admin-denied-title">{t('admin.denied.title')}</h1>
      <p>{user ? t('admin.denied.body', { name: user.username }) : t('admin.denied.signIn')}</p>
      <p className="page-links">
        {!user && (
          <Link to="/login?next=%2Fadmin" className="button primary">
            {t('admin.denied.signInLink')}
          </Link>
        )}
        <Link to="/live">{t('admin.denied.back')}</Link>
      </p>
    </section>
  );
}

function AdminConsole({ me }: { me: User }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = isTab(requested) ? requested : 'overview';
  const select = (next: Tab) =>
    setParams(next === 'overview' ? {} : { tab: next }, { replace: true });

  return (
    <section className="admin" data-testid="admin-page">
      <h1>{t('admin.title')}</h1>
      <div className="admin-tabs" role="tablist" aria-label={t('admin.tabs.label')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`admin-tab-${name}`}
            aria-selected={tab === name}
            aria-controls="admin-panel"
            data-testid={`admin-tab-${name}`}
            onClick={() => select(name)}
          >
            {t(`admin.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div id="admin-panel" role="tabpanel" aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'overview' && <OverviewPanel />}
        {tab === 'users' && <UsersPanel me={me} />}
        {tab === 'recordings' && <RecordingsPanel />}
        {tab === 'audit' && <AuditPanel />}
        {tab === 'webhooks' && <WebhooksPanel />}
      </div>
    </section>
  );
}
