import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { authErrorMessage } from './error-message.js';

const t = ((key: string) => key) as unknown as TFunction;
const refused = (status: number, code: ApiError['code'], reason?: ApiError['reason']) =>
  new ApiError(status, code, 'server words the UI never shows', undefined, reason);

describe('authErrorMessage', () => {
  it('picks the message by the typed reason, not by the message', () => {
    expect(authErrorMessage(t, refused(401, 'UNAUTHENTICATED', 'wrong_credentials'))).toBe(
      'shell.auth.errors.wrongCredentials',
    );
    expect(authErrorMessage(t, refused(409, 'CONFLICT', 'account_exists'))).toBe(
      'shell.auth.errors.taken',
    );
    expect(authErrorMessage(t, refused(403, 'FORBIDDEN', 'guests_disabled'))).toBe(
      'shell.auth.errors.guestsOff',
    );
    expect(authErrorMessage(t, refused(403, 'FORBIDDEN', 'account_disabled'))).toBe(
      'shell.auth.errors.disabled',
    );
  });

  it('falls back to the code for answers without a reason', () => {
    expect(authErrorMessage(t, refused(429, 'RATE_LIMITED'))).toBe('shell.auth.errors.rateLimited');
    expect(authErrorMessage(t, refused(400, 'VALIDATION_FAILED'))).toBe(
      'shell.auth.errors.invalid',
    );
  });

  it('does not guess a reason from a bare code', () => {
    // A 403 that is not about guests (a reason this form does not know) is a generic failure.
    expect(authErrorMessage(t, refused(403, 'FORBIDDEN', 'role_required'))).toBe(
      'shell.auth.errors.generic',
    );
    expect(authErrorMessage(t, new Error('boom'))).toBe('shell.auth.errors.generic');
  });
});
