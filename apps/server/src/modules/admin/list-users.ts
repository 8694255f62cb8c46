import type { AdminUser } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { userRepository } from '../auth/user-repository.js';
import { toAdminUserDto } from './admin-user-dto.js';

/** One page of accounts, newest first, those whose email or username contain `query`. */
export async function listUsers(options: {
  db: Db;
  query: string | undefined;
  page: number;
  pageSize: number;
}): Promise<{ users: AdminUser[]; total: number; page: number; page_size: number }> {
  const { rows, total } = await userRepository(options.db).search({
    query: options.query || undefined,
    page: options.page,
    pageSize: options.pageSize,
  });
  return {
    users: rows.map(toAdminUserDto),
    total,
    page: options.page,
    page_size: options.pageSize,
  };
}
