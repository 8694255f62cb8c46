import { Send } from 'lucide-react';
import { memo } from 'react';
import { QUESTION_MAX_LENGTH } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { TextComposer } from '../TextComposer.js';
import { usePanelActions } from '../usePanelActions.js';
import { ListPanel } from '../ListPanel.js';
import type { ListPanelProps } from '../ListPanel.js';
import { QuestionItem } from './QuestionItem.js';
import { useQuestions } from './useQuestions.js';
import './qa.css';

/** The room's Q&A (issue 15): ask, upvote once; hosts and co-hosts mark answered or hide. */
export const QuestionsPanel = memo(function QuestionsPanel({
  sessionId,
  moderator,
}: ListPanelProps) {
  const { t } = useTranslation();
  const qa = useQuestions(sessionId, moderator);
  const { failed, act } = usePanelActions();
  return (
    <ListPanel
      className="qa-panel"
      testId="qa-panel"
      top={
        <TextComposer
          className="qa-ask"
          label={t('classroom.qa.label')}
          placeholder={t('classroom.qa.placeholder')}
          maxLength={QUESTION_MAX_LENGTH}
          rows={2}
          icon={<Send aria-hidden="true" size={16} />}
          sendLabel={t('classroom.qa.ask')}
          testIds={{ input: 'qa-input', send: 'qa-ask' }}
          onSend={(text) => act(qa.ask(text))}
        />
      }
      empty={qa.questions.length === 0 && t('classroom.qa.empty')}
      failure={qa.failed ? t('classroom.qa.failed') : failed && t('classroom.qa.actionFailed')}
    >
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
    </ListPanel>
  );
});
