import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../lib/Form.js';

type FieldProps = Omit<ComponentProps<typeof TextField>, 'label'>;

/** The email input of the sign-in and register forms. */
export function EmailField(props: FieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('shell.auth.email')}
      type="email"
      autoComplete="email"
      required
      {...props}
    />
  );
}

/** The password input: `current-password` to sign in, `new-password` (with rules) to register. */
export function PasswordField({
  autoComplete,
  ...props
}: FieldProps & { autoComplete: 'current-password' | 'new-password' }) {
  const { t } = useTranslation();
  const isNew = autoComplete === 'new-password';
  return (
    <TextField
      label={t('shell.auth.password')}
      type="password"
      autoComplete={autoComplete}
      required
      minLength={isNew ? 8 : undefined}
      hint={isNew ? t('shell.auth.passwordHint') : undefined}
      {...props}
    />
  );
}
