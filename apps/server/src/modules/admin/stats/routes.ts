import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../../context.js';
import { declareRoute } from '../../../declare-route.js';
import { adminsOnly } from '../admins-only.js';
import { statsReader } from './read-stats.js';
import type { StatsReadDeps } from './read-stats.js';

/** `GET /api/v1/admin/stats?range=1h|24h|7d`: the admin page's cards and charts (admins only). */
export const adminStatsRoutes: FastifyPluginAsyncZod<
  ModuleRouteOptions & { stats: StatsReadDeps }
> = async (app, { auth, stats }) => {
  adminsOnly(app, auth);
  const readStats = statsReader(stats);
  app.route({
    ...declareRoute(app, apiRoutes.adminStats),
    handler: async (request) => readStats(request.query.range),
  });
};
