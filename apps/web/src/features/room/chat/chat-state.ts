import type { ChatDataPacket, ChatMessage } from '@stagecast/contracts';

/** Messages kept in memory; older ones drop off the top. */
export const MAX_CHAT_MESSAGES = 500;

export interface ChatState {
  /** Oldest first, one entry per message id. */
  messages: readonly ChatMessage[];
  /** Ids deleted by a moderator, so a late copy (history, redelivery) does not bring them back. */
  deleted: ReadonlySet<string>;
}

export type ChatEvent =
  | { type: 'history'; messages: readonly ChatMessage[] }
  | { type: 'received'; message: ChatMessage }
  | { type: 'deleted'; id: string };

export const emptyChat: ChatState = { messages: [], deleted: new Set() };

function byTime(a: ChatMessage, b: ChatMessage): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function merge(state: ChatState, incoming: readonly ChatMessage[]): ChatState {
  const fresh = incoming.filter((message) => !state.deleted.has(message.id));
  if (fresh.length === 0) return state;
  const byId = new Map(state.messages.map((message) => [message.id, message]));
  for (const message of fresh) byId.set(message.id, message);
  const messages = [...byId.values()].sort(byTime).slice(-MAX_CHAT_MESSAGES);
  return { ...state, messages };
}

/**
 * Chat as history and live packets arrive, in any order: deduplicated by id (the sender gets
 * its own message from the API and again over LiveKit), sorted by time, deletions final.
 */
export function chatReducer(state: ChatState, event: ChatEvent): ChatState {
  switch (event.type) {
    case 'history':
      return merge(state, event.messages);
    case 'received':
      return merge(state, [event.message]);
    case 'deleted': {
      const deleted = new Set(state.deleted).add(event.id);
      return { messages: state.messages.filter((message) => message.id !== event.id), deleted };
    }
  }
}

/** Turns a chat packet into a reducer event. */
export function chatEventOf(packet: ChatDataPacket): ChatEvent {
  return packet.type === 'message'
    ? { type: 'received', message: packet.message }
    : { type: 'deleted', id: packet.message_id };
}
