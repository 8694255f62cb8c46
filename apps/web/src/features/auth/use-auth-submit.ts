import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { authErrorMessage } from './error-message.js';
import { nextPath } from './next-path.js';

/**
 * The submit of a sign-in or register form: runs `action`, then goes on to `?next=` (or the
 * plaza); a failure becomes a message in the reader's language.
 */
export function useAuthSubmit(action: () => Promise<unknown>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const done = useCallback(
    () => void navigate(nextPath(search), { replace: true }),
    [navigate, search],
  );
  const submit = useFormSubmit(
    async () => {
      await action();
      done();
    },
    (err) => authErrorMessage(t, err),
  );
  return { submit, done };
}
