import { useCallback, useEffect, useReducer, useState } from 'react';
import type { ChatMessage } from '@stagecast/contracts';
import { sessionsApi } from '../../../api/endpoints.js';
import { useConnectedOnce, useReconnected } from '../../../livekit/index.js';
import { PACKETS } from '../data-packets.js';
import { usePackets } from '../usePackets.js';
import { chatEventOf, chatReducer, emptyChat } from './chat-state.js';

export interface UseChatResult {
  messages: readonly ChatMessage[];
  /** True when the history could not be read (live messages still arrive). */
  historyFailed: boolean;
  /** Sends through the API; retrying with the same `clientMessageId` never doubles a message. */
  send: (text: string, clientMessageId: string) => Promise<void>;
  /** Deletes for everyone (moderators). */
  remove: (messageId: string) => Promise<void>;
}

/**
 * The session's chat: the stored history once connected (and again after LiveKit restored a
 * dropped connection, to fill the gap), then live packets on topic `chat`.
 */
export function useChat(sessionId: string): UseChatResult {
  const [state, dispatch] = useReducer(chatReducer, emptyChat);
  const [historyFailed, setHistoryFailed] = useState(false);
  // Bumped after LiveKit restored a dropped connection, to read the history again.
  const [generation, setGeneration] = useState(0);
  const connected = useConnectedOnce();

  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    sessionsApi
      .chat(sessionId)
      .then(({ messages }) => {
        if (cancelled) return;
        setHistoryFailed(false);
        dispatch({ type: 'history', messages });
      })
      .catch(() => {
        if (!cancelled) setHistoryFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [sessionId, connected, generation]);
  useReconnected(() => setGeneration((n) => n + 1), connected);

  usePackets(PACKETS.chat, (packet) => dispatch(chatEventOf(packet)));

  const send = useCallback(
    async (text: string, clientMessageId: string) => {
      const { message } = await sessionsApi.sendChat(sessionId, text, clientMessageId);
      dispatch({ type: 'received', message });
    },
    [sessionId],
  );

  const remove = useCallback(
    async (messageId: string) => {
      await sessionsApi.deleteChat(sessionId, messageId);
      dispatch({ type: 'deleted', id: messageId });
    },
    [sessionId],
  );

  return { messages: state.messages, historyFailed, send, remove };
}
