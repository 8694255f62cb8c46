import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import { loadAccess } from './access.js';
import type { SessionAccess } from './access.js';
import type { SessionRepository } from './session-repository.js';

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
 * Pre-handlers that load the session access once, before the handler, and put it on
 * `request.sessionAccess`: `preHandler: access()` for routes under `/sessions/:session_id`,
 * `access((request) => …)` where the session is named elsewhere (the body, say). They run after
 * validation, so the id they read is already checked; a missing session is NOT_FOUND.
 */
export function sessionAccessLoader(options: {
  sessions: SessionRepository;
  auth: Authenticator;
}): (idOf?: SessionIdOf) => preHandlerAsyncHookHandler {
  return (idOf = fromParams) =>
    async function loadSessionAccess(request) {
      request.sessionAccess = await loadAccess({ ...options, request, sessionId: idOf(request) });
    };
}
