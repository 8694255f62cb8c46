import { apiErrorResponses as errors, route } from './api-route.js';
import {
  lobbyDecisionResponseSchema,
  lobbyDecisionsResponseSchema,
  lobbyEntryParamsSchema,
  lobbyResponseSchema,
} from './lobby.js';
import { sessionIdParamsSchema } from './sessions.js';

const lobby = '/api/v1/live/sessions/:session_id/lobby';

/**
 * The waiting room of a session (issue 15). The join answers `202 {status: "waiting"}` while
 * the caller waits; hosts, co-hosts and admins list and decide here.
 */
export const lobbyRoutes = {
  listLobby: route({
    method: 'GET',
    path: lobby,
    tags: ['lobby'],
    params: sessionIdParamsSchema,
    response: { 200: lobbyResponseSchema, ...errors },
  }),
  admitLobbyEntry: route({
    method: 'POST',
    path: `${lobby}/:user_id/admit`,
    tags: ['lobby'],
    params: lobbyEntryParamsSchema,
    response: { 200: lobbyDecisionResponseSchema, ...errors },
  }),
  denyLobbyEntry: route({
    method: 'POST',
    path: `${lobby}/:user_id/deny`,
    tags: ['lobby'],
    params: lobbyEntryParamsSchema,
    response: { 200: lobbyDecisionResponseSchema, ...errors },
  }),
  admitAllLobby: route({
    method: 'POST',
    path: `${lobby}/admit-all`,
    tags: ['lobby'],
    params: sessionIdParamsSchema,
    response: { 200: lobbyDecisionsResponseSchema, ...errors },
  }),
  denyAllLobby: route({
    method: 'POST',
    path: `${lobby}/deny-all`,
    tags: ['lobby'],
    params: sessionIdParamsSchema,
    response: { 200: lobbyDecisionsResponseSchema, ...errors },
  }),
  /**
   * Server-sent events for the one who waits (`event: status`, data `LobbyWaitEvent`): the knock
   * lives while this stream is open; closing it withdraws the knock. Not JSON, so no answer
   * schema.
   */
  waitInLobby: route({
    method: 'GET',
    path: `${lobby}/wait`,
    tags: ['lobby'],
    params: sessionIdParamsSchema,
  }),
} as const;
