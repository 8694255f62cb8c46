import { CircleCheck, Lock, Play } from 'lucide-react';
import type { Poll } from '@stagecast/contracts';
import { useTranslation } from 'react-i18next';
import { sharePercent } from './polls-state.js';

export interface PollCardProps {
  poll: Poll;
  moderator: boolean;
  onVote: (option: number) => void;
  onOpen: () => void;
  onClose: () => void;
}

/**
 * One poll: vote buttons while it is open and the caller (not a moderator) has not voted, live
 * result bars otherwise; open and close for moderators.
 */
export function PollCard({ poll, moderator, onVote, onOpen, onClose }: PollCardProps) {
  const { t } = useTranslation();
  // Moderators run the poll and watch its results; the others vote, then see the results.
  const canVote = !moderator && poll.status === 'open' && poll.my_vote === null;
  const headingId = `poll-${poll.id}-q`;
  return (
    <li className="poll" data-testid={`poll-${poll.id}`} data-status={poll.status}>
      <article aria-labelledby={headingId}>
        <p className="poll-meta">
          <span className={`poll-status poll-status--${poll.status}`}>
            {t(`classroom.polls.status.${poll.status}`)}
          </span>
          <span data-testid="poll-total">
            {t('classroom.polls.votes', { count: poll.total_votes })}
          </span>
        </p>
        <h3 id={headingId} className="poll-question">
          {poll.question}
        </h3>
        {canVote && (
          <ul className="panel-list poll-choices">
            {poll.options.map((option) => (
              <li key={option.index}>
                <button
                  type="button"
                  onClick={() => onVote(option.index)}
                  aria-label={t('classroom.polls.voteFor', { option: option.text })}
                  data-testid={`poll-vote-${option.index}`}
                >
                  {option.text}
                </button>
              </li>
            ))}
          </ul>
        )}
        {!canVote && (
          <ul className="panel-list poll-results">
            {poll.options.map((option) => {
              const percent = sharePercent(option.votes, poll.total_votes);
              const mine = poll.my_vote === option.index;
              return (
                <li
                  key={option.index}
                  className={mine ? 'poll-result poll-result--mine' : 'poll-result'}
                  data-testid={`poll-result-${option.index}`}
                  data-votes={option.votes}
                >
                  <span className="poll-result-label">
                    {mine && (
                      <>
                        <CircleCheck size={14} aria-hidden="true" />
                        <span className="visually-hidden">{t('classroom.polls.yourVote')}: </span>
                      </>
                    )}
                    {option.text}
                    <span className="poll-result-count">
                      {t('classroom.polls.votes', { count: option.votes })} · {percent}%
                    </span>
                  </span>
                  <span className="poll-bar" aria-hidden="true">
                    <span style={{ width: `${percent}%` }} />
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        {moderator && poll.status === 'draft' && (
          <button type="button" className="primary" onClick={onOpen} data-testid="poll-open">
            <Play aria-hidden="true" size={16} />
            {t('classroom.polls.open')}
          </button>
        )}
        {moderator && poll.status === 'open' && (
          <button type="button" onClick={onClose} data-testid="poll-close">
            <Lock aria-hidden="true" size={16} />
            {t('classroom.polls.close')}
          </button>
        )}
      </article>
    </li>
  );
}
