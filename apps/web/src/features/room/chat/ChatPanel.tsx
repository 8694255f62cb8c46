import { memo, useLayoutEffect, useRef, useState } from 'react';
import type { ChatMessage } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { ChatComposer } from './ChatComposer.js';
import { ChatMessageItem } from './ChatMessageItem.js';
import { useChat } from './useChat.js';
import { RoomError } from '../RoomError.js';
import './chat.css';

// Within this many pixels of the end counts as "reading the latest": new messages scroll in.
const STICK_TO_END_PX = 48;

export interface ChatPanelProps {
  sessionId: string;
  canDelete: boolean;
}

/**
 * The chat: history and live messages, a composer, and deletion for moderators. Memoized, so
 * the room view's re-renders do not redo the message list.
 */
export const ChatPanel = memo(function ChatPanel({ sessionId, canDelete }: ChatPanelProps) {
  const { t } = useTranslation();
  const chat = useChat(sessionId);
  const list = useRef<HTMLOListElement>(null);
  const atEnd = useRef(true);
  const [deleteFailed, setDeleteFailed] = useState(false);

  useLayoutEffect(() => {
    const element = list.current;
    // Reading scrollHeight forces a layout of the page: not for an empty list (the mount, while
    // LiveKit is still connecting).
    if (element && atEnd.current && chat.messages.length > 0)
      element.scrollTop = element.scrollHeight;
  }, [chat.messages]);

  const remove = (message: ChatMessage) => {
    setDeleteFailed(false);
    chat.remove(message.id).catch(() => setDeleteFailed(true));
  };

  return (
    <div className="chat-panel">
      <ol
        ref={list}
        className="panel-list chat-list"
        role="log"
        aria-live="polite"
        aria-label={t('room.chat.label')}
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          atEnd.current =
            element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_END_PX;
        }}
      >
        {chat.messages.map((message) => (
          <ChatMessageItem
            key={message.id}
            message={message}
            onDelete={canDelete ? remove : undefined}
          />
        ))}
      </ol>
      {chat.messages.length === 0 && <p className="room-muted">{t('room.chat.empty')}</p>}
      {chat.historyFailed && <RoomError>{t('room.chat.historyFailed')}</RoomError>}
      {deleteFailed && <RoomError>{t('room.chat.deleteFailed')}</RoomError>}
      <ChatComposer send={chat.send} />
    </div>
  );
});
