import type { AdminUser } from '@stagecast/contracts';
import type { UserRow } from '../auth/user-repository.js';

/** An account as admins see it (its state included). */
export function toAdminUserDto(row: UserRow): AdminUser {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    role: row.role,
    disabled_at: row.disabledAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
