import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { assertModerator, assertSignedIn } from '../sessions/access.js';
import { sessionScope } from '../sessions/session-access.js';
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
  const { route } = sessionScope(app, { ctx, auth });
  const open: OpenStreams = new Set();
  app.addHook('onClose', async () => {
    for (const stop of [...open]) stop();
  });

  route(apiRoutes.listLobby, assertModerator, async (access) => {
    const rows = await lobby.repo.listWaiting(access.view.session.sessionId);
    return { waiting: rows.map(toLobbyEntry) };
  });

  for (const [apiRoute, status] of [
    [apiRoutes.admitLobbyEntry, 'admitted'],
    [apiRoutes.denyLobbyEntry, 'denied'],
  ] as const) {
    route(apiRoute, assertModerator, async (access, request) => {
      const userId = request.params.user_id;
      const [row] = await decideLobby({ ctx, access, userId, status, ip: request.ip });
      return { entry: toLobbyEntry(row!) };
    });
  }

  for (const [apiRoute, status] of [
    [apiRoutes.admitAllLobby, 'admitted'],
    [apiRoutes.denyAllLobby, 'denied'],
  ] as const) {
    route(apiRoute, assertModerator, async (access, request) => {
      const rows = await decideLobby({ ctx, access, status, ip: request.ip });
      return { entries: rows.map(toLobbyEntry) };
    });
  }

  route(apiRoutes.waitInLobby, assertSignedIn, async (access, _request, reply) =>
    waitInLobby({ ctx, access, lobby, reply, open }),
  );
};
