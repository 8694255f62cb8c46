import { useTranslation } from 'react-i18next';
import { Form } from '../../lib/Form.js';
import { useTextFields } from '../../lib/use-text-fields.js';
import { useAuth } from './auth-context.js';
import { EmailField, PasswordField } from './auth-fields.js';
import { AuthCard } from './AuthCard.js';
import { GuestForm } from './GuestForm.js';
import { useAuthSubmit } from './use-auth-submit.js';

/** `/login`: email and password, or a guest name. */
export function SignInPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const { values, bind } = useTextFields({ email: '', password: '' }, 'login');
  const { submit, done } = useAuthSubmit(() => login(values.email, values.password));

  return (
    <AuthCard
      title={t('shell.auth.signInTitle')}
      other="register"
      after={<GuestForm onDone={done} />}
    >
      <Form {...submit} submitLabel={t('shell.auth.submitSignIn')} submitTestId="login-submit">
        <EmailField {...bind('email')} />
        <PasswordField autoComplete="current-password" {...bind('password')} />
      </Form>
    </AuthCard>
  );
}
