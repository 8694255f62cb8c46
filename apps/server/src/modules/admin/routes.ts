import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { userDto } from '../auth/authenticator.js';
import { toAdminUserDto } from './admin-user-dto.js';
import { adminsOnly } from './admins-only.js';
import { disableUser } from './disable-user.js';
import { enableUser } from './enable-user.js';
import { listAuditLog } from './list-audit-log.js';
import { listRecordings } from './list-recordings.js';
import { listUsers } from './list-users.js';
import { setUserRole } from './set-user-role.js';
import { userChangeOf } from './user-change.js';

/**
 * SPEC §2 and issue 12: what only admins do (accounts: role, search, disable; every session's
 * recordings; the audit log, paged with `before`/`limit` and filtered by `session_id`,
 * `actor_id` and `action`); registered under `/api/v1/admin`.
 */
export const adminRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth },
) => {
  adminsOnly(app, auth);

  app.route({
    ...declareRoute(app, apiRoutes.updateUser),
    handler: async (request) => {
      const updated = await setUserRole({
        ...userChangeOf(request),
        db: ctx.database.db,
        tokens: auth.tokens,
        role: request.body.role,
      });
      return { user: userDto(updated) };
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.adminUsers),
    handler: async (request) => {
      const q = request.query;
      return listUsers({ db: ctx.database.db, query: q.q, page: q.page, pageSize: q.page_size });
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.disableUser),
    handler: async (request) => {
      const user = await disableUser({ ...userChangeOf(request), ctx, tokens: auth.tokens });
      return { user: toAdminUserDto(user) };
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.enableUser),
    handler: async (request) => {
      const user = await enableUser({ ...userChangeOf(request), db: ctx.database.db });
      return { user: toAdminUserDto(user) };
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.adminRecordings),
    handler: async (request) => {
      return listRecordings({
        db: ctx.database.db,
        publicUrl: ctx.config.publicUrl,
        page: request.query.page,
        pageSize: request.query.page_size,
      });
    },
  });

  // There is no route that changes or removes an audit entry.
  app.route({
    ...declareRoute(app, apiRoutes.auditLog),
    handler: async (request) => {
      const q = request.query;
      return listAuditLog({
        db: ctx.database.db,
        sessionId: q.session_id,
        actorId: q.actor_id,
        action: q.action,
        before: q.before,
        limit: q.limit,
      });
    },
  });
};
