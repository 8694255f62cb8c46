import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.js';

/** A sign-in or registration failure, in the reader's language, chosen by error code. */
export function authErrorMessage(t: TFunction, err: unknown): string {
  if (!(err instanceof ApiError)) return t('shell.auth.errors.generic');
  switch (err.code) {
    case 'UNAUTHENTICATED':
      return t('shell.auth.errors.wrongCredentials');
    case 'CONFLICT':
      return t('shell.auth.errors.taken');
    case 'VALIDATION_FAILED':
      return t('shell.auth.errors.invalid', { message: err.message });
    case 'RATE_LIMITED':
      return t('shell.auth.errors.rateLimited');
    case 'FORBIDDEN':
      return t('shell.auth.errors.guestsOff');
    default:
      return t('shell.auth.errors.generic');
  }
}
