import { randomUUID } from 'node:crypto';
import type { User } from '@stagecast/contracts';
import { AppError } from '../../errors.js';
import type { TokenIssuer } from './authenticator.js';

/** A guest token under a display name, when `ALLOW_GUESTS` is on; guests have no account row. */
export async function enterAsGuest(options: {
  allowGuests: boolean;
  tokens: TokenIssuer;
  displayName: string;
}): Promise<{ user: User; token: string }> {
  if (!options.allowGuests) {
    throw new AppError('FORBIDDEN', 'guests are not allowed here', undefined, {
      reason: 'guests_disabled',
    });
  }
  const guestId = randomUUID();
  const token = await options.tokens.issueForGuest(guestId, options.displayName);
  const user = { id: guestId, email: null, username: options.displayName, role: 'guest' as const };
  return { user, token };
}
