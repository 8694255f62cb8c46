import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { Link, navigate, useLocation } from '../../app/router.js';
import { useAuth } from './auth-context.js';
import { authErrorMessage } from './error-message.js';
import { nextPath } from './next-path.js';

/** `/register`: email, username and password. */
export function RegisterPage() {
  const { t } = useTranslation();
  const { register } = useAuth();
  const { search } = useLocation();
  const [form, setForm] = useState({ email: '', username: '', password: '' });
  const set = (key: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [key]: value }));

  const { busy, error, onSubmit } = useFormSubmit(
    async () => {
      await register(form.email, form.username, form.password);
      navigate(nextPath(search), { replace: true });
    },
    (err) => authErrorMessage(t, err),
  );

  return (
    <section className="card narrow">
      <h1>{t('shell.auth.registerTitle')}</h1>
      <form onSubmit={onSubmit} className="form">
        <label>
          {t('shell.auth.email')}
          <input
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={(e) => set('email')(e.target.value)}
            data-testid="register-email"
          />
        </label>
        <label>
          {t('shell.auth.username')}
          <input
            autoComplete="username"
            required
            minLength={3}
            maxLength={32}
            value={form.username}
            onChange={(e) => set('username')(e.target.value)}
            data-testid="register-username"
          />
        </label>
        <label>
          {t('shell.auth.password')}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            aria-describedby="password-hint"
            value={form.password}
            onChange={(e) => set('password')(e.target.value)}
            data-testid="register-password"
          />
          <small id="password-hint">{t('shell.auth.passwordHint')}</small>
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="register-submit">
          {t('shell.auth.submitRegister')}
        </button>
      </form>
      <p>
        {t('shell.auth.haveAccount')}{' '}
        <Link href={`/login?${search.toString()}`}>{t('shell.nav.signIn')}</Link>
      </p>
    </section>
  );
}
