import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, TextField } from '../../lib/Form.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { useAuth } from './auth-context.js';
import { authErrorMessage } from './error-message.js';

/** Guest entry: a name, nothing else. */
export function GuestForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { enterAsGuest } = useAuth();
  const [name, setName] = useState('');

  const { error, onSubmit } = useFormSubmit(
    async () => {
      await enterAsGuest(name.trim());
      onDone();
    },
    (err) => authErrorMessage(t, err),
  );

  return (
    <Form
      onSubmit={onSubmit}
      error={error}
      submitLabel={t('shell.auth.guestSubmit')}
      submitTestId="guest-form-submit"
      primary={false}
      className="form guest-form"
    >
      <h2>{t('shell.auth.guestTitle')}</h2>
      <TextField
        label={t('shell.auth.guestName')}
        required
        maxLength={64}
        value={name}
        onChange={(e) => setName(e.target.value)}
        data-testid="guest-form-name"
      />
    </Form>
  );
}
