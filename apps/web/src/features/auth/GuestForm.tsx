import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth-context.js';
import { authErrorMessage } from './error-message.js';

/** Guest entry: a name, nothing else. */
export function GuestForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { enterAsGuest } = useAuth();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await enterAsGuest(name.trim());
      onDone();
    } catch (err) {
      setError(authErrorMessage(t, err));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="form guest-form">
      <h2>{t('shell.auth.guestTitle')}</h2>
      <label>
        {t('shell.auth.guestName')}
        <input
          required
          maxLength={64}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="guest-form-name"
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" data-testid="guest-form-submit">
        {t('shell.auth.guestSubmit')}
      </button>
    </form>
  );
}
