import { useTranslation } from 'react-i18next';
import { Form, TextField } from '../../lib/Form.js';
import { useTextFields } from '../../lib/use-text-fields.js';
import { useAuth } from './auth-context.js';
import { EmailField, PasswordField } from './auth-fields.js';
import { AuthCard } from './AuthCard.js';
import { OidcButton } from './OidcButton.js';
import { useAuthOptions } from './use-auth-options.js';
import { useAuthSubmit } from './use-auth-submit.js';

/**
 * `/register`: email, username and password; on an OIDC-only server, where accounts come from
 * the provider, its button instead.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const options = useAuthOptions();
  if (options && !options.password && options.oidc) {
    return (
      <AuthCard title={t('shell.auth.registerTitle')} other={undefined}>
        <p>{t('shell.auth.passwordOff', { name: options.oidc.name })}</p>
        <OidcButton provider={options.oidc} />
      </AuthCard>
    );
  }
  return <PasswordRegistration />;
}

function PasswordRegistration() {
  const { t } = useTranslation();
  const { register } = useAuth();
  const { values, bind } = useTextFields({ email: '', username: '', password: '' }, 'register');
  const { submit } = useAuthSubmit(() => register(values.email, values.username, values.password));

  return (
    <AuthCard title={t('shell.auth.registerTitle')} other="login">
      <Form {...submit} submitLabel={t('shell.auth.submitRegister')} submitTestId="register-submit">
        <EmailField {...bind('email')} />
        <TextField
          label={t('shell.auth.username')}
          autoComplete="username"
          required
          minLength={3}
          maxLength={32}
          {...bind('username')}
        />
        <PasswordField autoComplete="new-password" {...bind('password')} />
      </Form>
    </AuthCard>
  );
}
