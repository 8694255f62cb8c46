import { Send } from 'lucide-react';
import { memo, useId, useState, type FormEvent } from 'react';
import { QUESTION_MAX_LENGTH } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { QuestionItem } from './QuestionItem.js';
import { useQuestions } from './useQuestions.js';
import './qa.css';

/** The room's Q&A (issue 15): ask, upvote once; hosts and co-hosts mark answered or hide. */
export const QuestionsPanel = memo(function QuestionsPanel({
  sessionId,
  moderator,
}: {
  sessionId: string;
  moderator: boolean;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const qa = useQuestions(sessionId, moderator);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const act = (action: Promise<void>) => {
    setFailed(false);
    return action.catch(() => setFailed(true));
  };
  const ask = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '' || busy) return;
    setBusy(true);
    await act(qa.ask(text.trim()).then(() => setText('')));
    setBusy(false);
  };
  return (
    <div className="qa-panel" data-testid="qa-panel">
      <form className="qa-ask" onSubmit={(event) => void ask(event)}>
        <label htmlFor={inputId} className="visually-hidden">
          {t('classroom.qa.label')}
        </label>
        <textarea
          id={inputId}
          rows={2}
          maxLength={QUESTION_MAX_LENGTH}
          placeholder={t('classroom.qa.placeholder')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          data-testid="qa-input"
        />
        <button
          type="submit"
          className="primary"
          disabled={busy || text.trim() === ''}
          data-testid="qa-ask"
        >
          <Send aria-hidden="true" size={16} />
          {t('classroom.qa.ask')}
        </button>
      </form>
      {qa.questions.length === 0 && <p className="room-muted">{t('classroom.qa.empty')}</p>}
      <ol className="panel-list question-list" aria-label={t('classroom.qa.title')}>
        {qa.questions.map((question) => (
          <QuestionItem
            key={question.id}
            question={question}
            moderator={moderator}
            onUpvote={() => void act(qa.upvote(question))}
            onUpdate={(change) => void act(qa.update(question.id, change))}
          />
        ))}
      </ol>
      {(failed || qa.failed) && (
        <p role="alert" className="room-error">
          {t(qa.failed ? 'classroom.qa.failed' : 'classroom.qa.actionFailed')}
        </p>
      )}
    </div>
  );
});
