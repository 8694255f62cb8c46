import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { adminsOnly } from './admins-only.js';
import { listAuditLog } from './list-audit-log.js';

/**
 * `GET /api/v1/admin/audit` (admins only): the audit log, paged with `before`/`limit` and
 * filtered by `session_id`, `actor_id` and `action`; registered under `/api/v1/admin`. There
 * is no route that changes or removes an entry.
 */
export const auditRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth },
) => {
  adminsOnly(app, auth);
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
