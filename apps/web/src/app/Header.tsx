import { useState } from 'react';
import { Settings } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../features/auth/auth-context.js';
import { useAuthOptions } from '../features/auth/use-auth-options.js';
import { SettingsDialog } from '../features/settings/SettingsDialog.js';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.js';

/** The bar on every page: brand, navigation, language, device settings, account. */
export function Header() {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  // An OIDC-only server has no registration: accounts come from the provider.
  const canRegister = useAuthOptions()?.password !== false;
  const navigate = useNavigate();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const canCreate = user?.role === 'admin' || user?.role === 'mentor';

  return (
    <header className="app-header">
      <Link to="/live" className="brand">
        {t('app.name')}
      </Link>
      <nav aria-label={t('shell.nav.main')}>
        <Link to="/live">{t('shell.nav.plaza')}</Link>
        {canCreate && <Link to="/live/create">{t('shell.nav.create')}</Link>}
        {user?.role === 'admin' && (
          <Link to="/admin" data-testid="nav-admin">
            {t('shell.nav.admin')}
          </Link>
        )}
      </nav>
      <div className="header-tools">
        <LanguageSwitcher />
        <button
          type="button"
          onClick={() => setSettingsOpen(true)}
          aria-label={t('shell.nav.settings')}
        >
          <Settings aria-hidden="true" size={18} />
          <span className="sr-only-narrow">{t('shell.nav.settings')}</span>
        </button>
        {user ? (
          <>
            <span className="who" data-testid="signed-in-as">
              {user.role === 'guest'
                ? t('shell.nav.guest', { name: user.username })
                : t('shell.nav.signedInAs', { name: user.username })}
            </span>
            <button
              type="button"
              onClick={() => void logout().then(() => navigate('/live'))}
              data-testid="sign-out"
            >
              {t('shell.nav.signOut')}
            </button>
          </>
        ) : (
          user === null && (
            <>
              <Link to="/login" className="button">
                {t('shell.nav.signIn')}
              </Link>
              {canRegister && (
                <Link to="/register" className="button primary">
                  {t('shell.nav.register')}
                </Link>
              )}
            </>
          )
        )}
      </div>
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </header>
  );
}
