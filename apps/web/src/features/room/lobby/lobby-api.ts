import { apiRoutes as r } from '@stagecast/contracts';
import type { JoinResponse, JoinWaitingResponse } from '@stagecast/contracts';
import { request } from '../../../api/client.js';

const entry = (id: string, userId: string) => ({ session_id: id, user_id: userId });
const session = (id: string) => ({ session_id: id });

/** The waiting room's calls (hosts and co-hosts). */
export const lobbyApi = {
  list: (id: string) => request(r.listLobby, { params: session(id) }),
  admit: (id: string, userId: string) => request(r.admitLobbyEntry, { params: entry(id, userId) }),
  deny: (id: string, userId: string) => request(r.denyLobbyEntry, { params: entry(id, userId) }),
  admitAll: (id: string) => request(r.admitAllLobby, { params: session(id) }),
  denyAll: (id: string) => request(r.denyAllLobby, { params: session(id) }),
};

/** The join answered 202: the waiting room holds the caller, no token yet. */
export function isLobbyWait(
  answer: JoinResponse | JoinWaitingResponse,
): answer is JoinWaitingResponse {
  return 'status' in answer && answer.status === 'waiting';
}
