import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePanelActions } from '../usePanelActions.js';
import { ListPanel } from '../ListPanel.js';
import type { ListPanelProps } from '../ListPanel.js';
import { PollCard } from './PollCard.js';
import { PollCreateForm } from './PollCreateForm.js';
import { usePolls } from './usePolls.js';
import './polls.css';

/** The room's polls (issue 15): hosts and co-hosts create, open and close; everyone votes. */
export const PollsPanel = memo(function PollsPanel({ sessionId, moderator }: ListPanelProps) {
  const { t } = useTranslation();
  const polls = usePolls(sessionId);
  const { failed, act } = usePanelActions();
  return (
    <ListPanel
      className="polls-panel"
      testId="polls-panel"
      top={moderator && <PollCreateForm create={polls.create} />}
      empty={polls.polls.length === 0 && t('classroom.polls.empty')}
      failure={
        polls.failed ? t('classroom.polls.failed') : failed && t('classroom.polls.actionFailed')
      }
    >
      <ul className="panel-list poll-list">
        {polls.polls.map((poll) => (
          <PollCard
            key={poll.id}
            poll={poll}
            moderator={moderator}
            onVote={(option) => void act(polls.vote(poll.id, option))}
            onOpen={() => void act(polls.open(poll.id))}
            onClose={() => void act(polls.close(poll.id))}
          />
        ))}
      </ul>
    </ListPanel>
  );
});
