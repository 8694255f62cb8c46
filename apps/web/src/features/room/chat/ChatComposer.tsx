import { SendHorizontal } from 'lucide-react';
import { useRef, useState } from 'react';
import { CHAT_MAX_LENGTH } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.js';
import { TextComposer } from '../TextComposer.js';
import { newClientMessageId } from './client-message-id.js';
import { RoomError } from '../RoomError.js';

type SendProblem = 'rate_limited' | 'ended' | 'failed';

function problemOf(error: unknown): SendProblem {
  if (error instanceof ApiError && error.status === 429) return 'rate_limited';
  if (error instanceof ApiError && error.status === 409) return 'ended';
  return 'failed';
}

/** The chat input. A failed send keeps the text; sending it again reuses the message id. */
export function ChatComposer({ send }: { send: (text: string, id: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<SendProblem | undefined>(undefined);
  // The id of the last attempt and its text, so a retry of the same text is not stored twice.
  const attempt = useRef<{ id: string; text: string } | undefined>(undefined);

  const onSend = async (body: string) => {
    if (attempt.current?.text !== body) attempt.current = { id: newClientMessageId(), text: body };
    setProblem(undefined);
    try {
      await send(body, attempt.current.id);
      attempt.current = undefined;
      return true;
    } catch (error) {
      setProblem(problemOf(error));
      return false;
    }
  };

  return (
    <TextComposer
      className="chat-composer"
      label={t('room.chat.inputLabel')}
      placeholder={t('room.chat.placeholder')}
      maxLength={CHAT_MAX_LENGTH}
      icon={<SendHorizontal aria-hidden="true" size={18} />}
      sendLabel={t('room.chat.send')}
      testIds={{ input: 'chat-input', send: 'chat-send' }}
      onSend={onSend}
    >
      {problem && (
        <RoomError className="chat-problem">{t(`room.chat.problems.${problem}`)}</RoomError>
      )}
    </TextComposer>
  );
}
