import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { assertModerator, assertSignedIn } from '../sessions/access.js';
import { guarded, sessionScope } from '../sessions/session-access.js';
import { decideLobby } from './decide-lobby.js';
import { toLobbyEntry } from './lobby-dto.js';
import type { LobbyService } from './lobby-service.js';
import { waitInLobby } from './wait-stream.js';
import type { OpenStreams } from './wait-stream.js';

/**
 * …/:session_id/lobby: the waiting room (issue 15). Hosts, co-hosts and admins list and decide;
 * the one who waits holds `wait` open. Registered under `/api/v1/live/sessions/:session_id/lobby`.
 */
export const lobbyRoutes: FastifyPluginAsyncZod<
  ModuleRouteOptions & { lobby: LobbyService }
> = async (app, { ctx, auth, lobby }) => {
  const { preHandler } = sessionScope({ ctx, auth });
  const open: OpenStreams = new Set();
  app.addHook('onClose', async () => {
    for (const stop of [...open]) stop();
  });

  app.route({
    ...declareRoute(app, apiRoutes.listLobby),
    preHandler,
    handler: guarded(assertModerator, async (access) => {
      const rows = await lobby.repo.listWaiting(access.view.session.sessionId);
      return { waiting: rows.map(toLobbyEntry) };
    }),
  });

  for (const [route, status] of [
    [apiRoutes.admitLobbyEntry, 'admitted'],
    [apiRoutes.denyLobbyEntry, 'denied'],
  ] as const) {
    app.route({
      ...declareRoute(app, route),
      preHandler,
      handler: guarded(assertModerator, async (access, request) => {
        const userId = request.params.user_id;
        const [row] = await decideLobby({ ctx, access, userId, status, ip: request.ip });
        return { entry: toLobbyEntry(row!) };
      }),
    });
  }

  for (const [route, status] of [
    [apiRoutes.admitAllLobby, 'admitted'],
    [apiRoutes.denyAllLobby, 'denied'],
  ] as const) {
    app.route({
      ...declareRoute(app, route),
      preHandler,
      handler: guarded(assertModerator, async (access, request) => {
        const rows = await decideLobby({ ctx, access, status, ip: request.ip });
        return { entries: rows.map(toLobbyEntry) };
      }),
    });
  }

  app.route({
    ...declareRoute(app, apiRoutes.waitInLobby),
    preHandler,
    handler: guarded(assertSignedIn, async (access, _request, reply) =>
      waitInLobby({ ctx, access, lobby, reply, open }),
    ),
  });
};
