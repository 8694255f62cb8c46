import type { AdminUser } from '@stagecast/contracts';
import { userDto } from '../auth/authenticator.js';
import type { UserRow } from '../auth/user-repository.js';

/** An account as admins see it: the user as the API shows it, with its state. */
export function toAdminUserDto(row: UserRow): AdminUser {
  return {
    ...userDto(row),
    disabled_at: row.disabledAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
