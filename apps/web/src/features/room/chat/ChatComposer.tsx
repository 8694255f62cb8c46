import { SendHorizontal } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { CHAT_MAX_LENGTH } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { newClientMessageId } from './client-message-id.js';

type SendProblem = 'rate_limited' | 'ended' | 'failed';

function problemOf(error: unknown): SendProblem {
  if (error instanceof ApiError && error.status === 429) return 'rate_limited';
  if (error instanceof ApiError && error.status === 409) return 'ended';
  return 'failed';
}

/** The chat input. A failed send keeps the text; sending it again reuses the message id. */
export function ChatComposer({ send }: { send: (text: string, id: string) => Promise<void> }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<SendProblem | undefined>(undefined);
  // The id of the last attempt and its text, so a retry of the same text is not stored twice.
  const attempt = useRef<{ id: string; text: string } | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = text.trim();
    if (body === '' || sending) return;
    if (attempt.current?.text !== body) attempt.current = { id: newClientMessageId(), text: body };
    setSending(true);
    setProblem(undefined);
    try {
      await send(body, attempt.current.id);
      attempt.current = undefined;
      setText('');
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="chat-composer" onSubmit={(event) => void submit(event)}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('room.chat.inputLabel')}
      </label>
      <input
        id={inputId}
        type="text"
        autoComplete="off"
        maxLength={CHAT_MAX_LENGTH}
        placeholder={t('room.chat.placeholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        data-testid="chat-input"
      />
      <button
        type="submit"
        className="primary"
        disabled={sending || text.trim() === ''}
        data-testid="chat-send"
      >
        <SendHorizontal aria-hidden="true" size={18} />
        {t('room.chat.send')}
      </button>
      {problem && (
        <p role="alert" className="room-error chat-problem">
          {t(`room.chat.problems.${problem}`)}
        </p>
      )}
    </form>
  );
}
