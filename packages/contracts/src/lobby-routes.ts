import { routeGroup } from './api-route.js';
import {
  lobbyDecisionResponseSchema,
  lobbyDecisionsResponseSchema,
  lobbyEntryParamsSchema,
  lobbyResponseSchema,
} from './lobby.js';
import { sessionIdParamsSchema } from './sessions.js';

const lobby = routeGroup('lobby', '/api/v1/live/sessions/:session_id/lobby', {
  params: sessionIdParamsSchema,
});
const entry = { params: lobbyEntryParamsSchema };

/**
 * The waiting room of a session (issue 15). The join answers `202 {status: "waiting"}` while
 * the caller waits; hosts, co-hosts and admins list and decide here.
 */
export const lobbyRoutes = {
  listLobby: lobby.get('', { 200: lobbyResponseSchema }),
  admitLobbyEntry: lobby.post('/:user_id/admit', { 200: lobbyDecisionResponseSchema }, entry),
  denyLobbyEntry: lobby.post('/:user_id/deny', { 200: lobbyDecisionResponseSchema }, entry),
  admitAllLobby: lobby.post('/admit-all', { 200: lobbyDecisionsResponseSchema }),
  denyAllLobby: lobby.post('/deny-all', { 200: lobbyDecisionsResponseSchema }),
  /**
   * Server-sent events for the one who waits (`event: status`, data `LobbyWaitEvent`): the knock
   * lives while this stream is open; closing it withdraws the knock. Not JSON, so no answer
   * schema.
   */
  waitInLobby: lobby.get('/wait', null),
} as const;
