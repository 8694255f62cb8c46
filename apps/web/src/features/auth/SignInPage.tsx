import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { Link, navigate, useLocation } from '../../app/router.js';
import { useAuth } from './auth-context.js';
import { authErrorMessage } from './error-message.js';
import { GuestForm } from './GuestForm.js';
import { nextPath } from './next-path.js';

/** `/login`: email and password, or a guest name. */
export function SignInPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const { busy, error, onSubmit } = useFormSubmit(
    async () => {
      await login(email, password);
      navigate(nextPath(search), { replace: true });
    },
    (err) => authErrorMessage(t, err),
  );

  return (
    <section className="card narrow">
      <h1>{t('shell.auth.signInTitle')}</h1>
      <form onSubmit={onSubmit} className="form">
        <label>
          {t('shell.auth.email')}
          <input
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="login-email"
          />
        </label>
        <label>
          {t('shell.auth.password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {t('shell.auth.submitSignIn')}
        </button>
      </form>
      <p>
        {t('shell.auth.noAccount')}{' '}
        <Link href={`/register?${search.toString()}`}>{t('shell.nav.register')}</Link>
      </p>
      <GuestForm onDone={() => navigate(nextPath(search), { replace: true })} />
    </section>
  );
}
