import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.js';

/**
 * A sign-in, registration or guest-entry failure in the reader's language, chosen by the API's
 * typed reason, then by its code for answers that carry none (validation, rate limits).
 */
export function authErrorMessage(t: TFunction, err: unknown): string {
  if (!(err instanceof ApiError)) return t('shell.auth.errors.generic');
  switch (err.reason) {
    case 'wrong_credentials':
      return t('shell.auth.errors.wrongCredentials');
    case 'account_exists':
      return t('shell.auth.errors.taken');
    case 'guests_disabled':
      return t('shell.auth.errors.guestsOff');
    case 'password_sign_in_disabled':
      return t('shell.auth.errors.passwordOff');
    case 'account_disabled':
      return t('shell.auth.errors.disabled');
    default:
      break;
  }
  switch (err.code) {
    case 'VALIDATION_FAILED':
      return t('shell.auth.errors.invalid', { message: err.message });
    case 'RATE_LIMITED':
      return t('shell.auth.errors.rateLimited');
    default:
      return t('shell.auth.errors.generic');
  }
}
