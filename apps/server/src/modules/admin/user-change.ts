import type { FastifyRequest } from 'fastify';
import { accountActor } from '../audit/record-audit.js';
import type { AuditBy } from '../audit/record-audit.js';

/** What each change an admin makes to an account takes: the account, and who asked. */
export interface UserChange {
  userId: string;
  /** The admin who asked, from where. */
  by: AuditBy;
}

/** The change a `/users/:user_id` route asks for: its account, by the admin calling. */
export function userChangeOf(
  request: Pick<FastifyRequest, 'admin' | 'ip'> & { params: { user_id: string } },
): UserChange {
  return {
    userId: request.params.user_id,
    by: { actor: accountActor(request.admin), ip: request.ip },
  };
}
