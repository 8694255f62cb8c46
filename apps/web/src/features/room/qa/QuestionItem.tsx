import { ArrowBigUp, CircleCheck, Eye, EyeOff } from 'lucide-react';
import type { Question } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';

export interface QuestionItemProps {
  question: Question;
  moderator: boolean;
  onUpvote: () => void;
  onUpdate: (change: { answered?: boolean; hidden?: boolean }) => void;
}

/** One question: its upvote toggle (`aria-pressed`), and for moderators answered and hide. */
export function QuestionItem({ question, moderator, onUpvote, onUpdate }: QuestionItemProps) {
  const { t } = useTranslation();
  const { upvotes } = question;
  return (
    <li
      className={question.hidden ? 'question question--hidden' : 'question'}
      data-testid={`question-${question.id}`}
      data-upvotes={upvotes}
    >
      <button
        type="button"
        className="question-upvote"
        aria-pressed={question.upvoted_by_me}
        aria-label={t(
          question.upvoted_by_me ? 'classroom.qa.removeUpvote' : 'classroom.qa.upvote',
          {
            count: upvotes,
          },
        )}
        disabled={question.hidden}
        onClick={onUpvote}
        data-testid="question-upvote"
      >
        <ArrowBigUp aria-hidden="true" size={18} />
        <span aria-hidden="true">{upvotes}</span>
      </button>
      <div className="question-body">
        <p className="question-text">{question.text}</p>
        <p className="question-meta">
          {t('classroom.qa.by', { name: question.author.display_name })}
          {question.answered && (
            <span className="question-answered">
              <CircleCheck aria-hidden="true" size={14} />
              {t('classroom.qa.answered')}
            </span>
          )}
          {question.hidden && <span>{t('classroom.qa.hidden')}</span>}
        </p>
        {moderator && (
          <p className="question-actions">
            <button
              type="button"
              aria-pressed={question.answered}
              onClick={() => onUpdate({ answered: !question.answered })}
              data-testid="question-answered"
            >
              <CircleCheck aria-hidden="true" size={16} />
              {t(question.answered ? 'classroom.qa.markUnanswered' : 'classroom.qa.markAnswered')}
            </button>
            <button
              type="button"
              onClick={() => onUpdate({ hidden: !question.hidden })}
              data-testid="question-hide"
            >
              {question.hidden ? (
                <Eye aria-hidden="true" size={16} />
              ) : (
                <EyeOff aria-hidden="true" size={16} />
              )}
              {t(question.hidden ? 'classroom.qa.show' : 'classroom.qa.hide')}
            </button>
          </p>
        )}
      </div>
    </li>
  );
}
