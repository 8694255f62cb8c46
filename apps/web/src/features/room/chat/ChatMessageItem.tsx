import { Trash2 } from 'lucide-react';
import type { ChatMessage } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';

export interface ChatMessageItemProps {
  message: ChatMessage;
  /** Given to moderators: deletes the message for everyone. */
  onDelete?: (message: ChatMessage) => void;
}

/** One chat line. The text is rendered as text (React escapes it): never as HTML. */
export function ChatMessageItem({ message, onDelete }: ChatMessageItemProps) {
  const { t, i18n } = useTranslation();
  const time = new Date(message.created_at);
  const { sender } = message;
  return (
    <li className="chat-message" data-testid="chat-message" data-message-id={message.id}>
      <div className="chat-meta">
        <span className="chat-author">{sender.display_name}</span>
        {sender.role !== 'viewer' && (
          <span className={`role-badge role-badge--${sender.role}`}>
            {t(`room.roles.${sender.role}`)}
          </span>
        )}
        <time dateTime={message.created_at}>
          {Number.isNaN(time.getTime())
            ? ''
            : time.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })}
        </time>
        {onDelete && (
          <button
            type="button"
            className="chat-delete"
            data-testid="chat-delete"
            aria-label={t('room.chat.delete', { name: sender.display_name })}
            onClick={() => onDelete(message)}
          >
            <Trash2 aria-hidden="true" size={14} />
            {t('room.chat.deleteShort')}
          </button>
        )}
      </div>
      <p className="chat-text" data-testid="chat-text">
        {message.text}
      </p>
    </li>
  );
}
