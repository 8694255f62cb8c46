import type { ApiRoute } from '@stagecast/contracts';
import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyContextConfig,
  FastifyInstance,
  FastifyRequest,
  preHandlerAsyncHookHandler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteHandlerMethod,
  RouteGenericInterface,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import type { SchemaOf } from '../../declare-route.js';
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
 * recordings…) of `app` set up alike: the repositories, writing through the app's access cache,
 * and the pre-handlers that load the session access once, before the handler, and put it on
 * `request.sessionAccess`: `preHandler` for routes under `/sessions/:session_id`,
 * `accessFrom((request) => …)` where the session is named elsewhere (the body, say). They run
 * after validation, so the id they read is already checked; a missing session is NOT_FOUND.
 * `route` declares a guarded route behind `preHandler` (see `guardedRoutes`).
 */
export function sessionScope(app: ZodApp, { ctx, auth }: Pick<ModuleRouteOptions, 'ctx' | 'auth'>) {
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
  const preHandler = accessFrom(fromParams);
  return { sessions, participants, accessFrom, preHandler, route: guardedRoutes(app, preHandler) };
}

/** A guard of `access.ts`: refuses the caller (throws) or narrows their access to `A`. */
export type AccessGuard<A extends SessionAccess> = (access: SessionAccess) => asserts access is A;

/** A module's routes plugin's `app`, its schemas read by zod. */
type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
/** A handler of a table route: its request, reply and answer typed from the route's schemas. */
type HandlerOf<R extends ApiRoute> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  SchemaOf<R>,
  ZodTypeProvider
>;

/**
 * How the plugin `app` declares its table routes behind the session-access `preHandler`:
 * `route(apiRoutes.x, guard, handler)` declares the route (`declareRoute`) with the pre-handler,
 * and its handler runs `guard` on the loaded access, then `handler` with the access it narrowed
 * (so no `!` follows); the request, reply and answer are typed from the route's schemas.
 * `options` adds the route's `config` (its rate limit).
 */
function guardedRoutes(app: ZodApp, preHandler: preHandlerAsyncHookHandler) {
  return function route<const R extends ApiRoute, A extends SessionAccess>(
    apiRoute: R,
    guard: AccessGuard<A>,
    handler: (access: A, ...call: Parameters<HandlerOf<R>>) => ReturnType<HandlerOf<R>>,
    options: { config?: FastifyContextConfig } = {},
  ): void {
    const guardedHandler: HandlerOf<R> = (request, reply) => {
      const access = request.sessionAccess;
      guard(access);
      return handler(access, request, reply);
    };
    app.route({ ...declareRoute(app, apiRoute), ...options, preHandler, handler: guardedHandler });
  };
}
