import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import type { UserRow } from '../auth/user-repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The admin calling; set by `adminsOnly` on the admin routes plugins only. */
    admin: UserRow;
  }
}

/**
 * Makes every route of the plugin `app` admins-only: a `preHandler` hook (it runs after
 * validation, as a check at the top of each handler would) refuses anyone else and puts the
 * admin on `request.admin`.
 */
export function adminsOnly(app: Pick<FastifyInstance, 'addHook'>, auth: Authenticator): void {
  app.addHook('preHandler', async function requireAdmin(request) {
    request.admin = await auth.requireUser(request, ['admin']);
  });
}
