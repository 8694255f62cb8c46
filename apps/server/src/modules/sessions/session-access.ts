import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ModuleRouteOptions } from '../../context.js';
import { participantRepository } from '../participants/participant-repository.js';
import { loadAccess } from './access.js';
import type { SessionAccess } from './access.js';
import { sessionRepository } from './session-repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The caller's access to the session the route names, loaded by the `sessionAccess`
     * pre-handler; only routes configured with it may read this.
     */
    sessionAccess: SessionAccess;
  }
}

/** Where a route names its session: the `:session_id` path parameter unless told otherwise. */
export type SessionIdOf = (request: FastifyRequest) => string;

const fromParams: SessionIdOf = (request) => (request.params as { session_id: string }).session_id;

/**
 * What the routes plugins of the session-scoped modules (sessions, participants, chat,
 * recordings) set up alike: the repositories, writing through the app's access cache, and the
 * pre-handlers that load the session access once, before the handler, and put it on
 * `request.sessionAccess`: `preHandler` for routes under `/sessions/:session_id`,
 * `accessFrom((request) => …)` where the session is named elsewhere (the body, say). They run
 * after validation, so the id they read is already checked; a missing session is NOT_FOUND.
 */
export function sessionScope({ ctx, auth }: Pick<ModuleRouteOptions, 'ctx' | 'auth'>) {
  const sessions = sessionRepository(ctx.database.db, ctx.accessCache);
  const participants = participantRepository(ctx.database.db, ctx.accessCache);
  const accessFrom = (idOf: SessionIdOf): preHandlerAsyncHookHandler =>
    async function loadSessionAccess(request) {
      request.sessionAccess = await loadAccess({
        sessions,
        auth,
        request,
        sessionId: idOf(request),
      });
    };
  return { sessions, participants, accessFrom, preHandler: accessFrom(fromParams) };
}

/** A guard of `access.ts`: refuses the caller (throws) or narrows their access to `A`. */
export type AccessGuard<A extends SessionAccess> = (access: SessionAccess) => asserts access is A;

/**
 * A handler for a route behind the session-access pre-handler: runs `guard` on the loaded access,
 * then `handler` with the access it narrowed (so no `!` follows). The route's request and reply
 * types come from where the handler is used, `app.route({ …, preHandler, handler: guarded(…) })`;
 * without the `preHandler` beside it there is no access to guard, and TypeScript no longer infers
 * the request's types either (its params and body read as `unknown`).
 */
export function guarded<
  A extends SessionAccess,
  Request extends FastifyRequest,
  Reply extends FastifyReply,
  Result,
>(
  guard: AccessGuard<A>,
  handler: (access: A, request: Request, reply: Reply) => Promise<Result>,
): (request: Request, reply: Reply) => Promise<Result> {
  return async (request, reply) => {
    const access = request.sessionAccess;
    guard(access);
    return handler(access, request, reply);
  };
}
