import { useTranslation } from 'react-i18next';
import { Form } from '../../lib/Form.js';
import { useTextFields } from '../../lib/use-text-fields.js';
import { useAuth } from './auth-context.js';
import { EmailField, PasswordField } from './auth-fields.js';
import { AuthCard } from './AuthCard.js';
import { GuestForm } from './GuestForm.js';
import { OidcButton } from './OidcButton.js';
import { useAuthOptions } from './use-auth-options.js';
import { useAuthSubmit } from './use-auth-submit.js';

/**
 * `/login`: the OpenID provider's button when one is configured, email and password unless the
 * server is OIDC-only, and a guest name when guests are allowed.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const options = useAuthOptions();
  const { values, bind } = useTextFields({ email: '', password: '' }, 'login');
  const { submit, done } = useAuthSubmit(() => login(values.email, values.password));

  return (
    <AuthCard
      title={t('shell.auth.signInTitle')}
      other={options?.password ? 'register' : undefined}
      after={options?.guests && <GuestForm onDone={done} />}
    >
      {options?.oidc && <OidcButton provider={options.oidc} />}
      {options?.oidc && options.password && <p className="auth-or">{t('shell.auth.or')}</p>}
      {options?.password && (
        <Form {...submit} submitLabel={t('shell.auth.submitSignIn')} submitTestId="login-submit">
          <EmailField {...bind('email')} />
          <PasswordField autoComplete="current-password" {...bind('password')} />
        </Form>
      )}
    </AuthCard>
  );
}
