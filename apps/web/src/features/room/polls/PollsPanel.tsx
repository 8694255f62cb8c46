import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PollCard } from './PollCard.js';
import { PollCreateForm } from './PollCreateForm.js';
import { usePolls } from './usePolls.js';
import './polls.css';

/** The room's polls (issue 15): hosts and co-hosts create, open and close; everyone votes. */
export const PollsPanel = memo(function PollsPanel({
  sessionId,
  moderator,
}: {
  sessionId: string;
  moderator: boolean;
}) {
  const { t } = useTranslation();
  const polls = usePolls(sessionId);
  const [failed, setFailed] = useState(false);
  const act = (action: Promise<void>) => {
    setFailed(false);
    action.catch(() => setFailed(true));
  };
  return (
    <div className="polls-panel" data-testid="polls-panel">
      {moderator && <PollCreateForm create={polls.create} />}
      {polls.polls.length === 0 && <p className="room-muted">{t('classroom.polls.empty')}</p>}
      <ul className="panel-list poll-list">
        {polls.polls.map((poll) => (
          <PollCard
            key={poll.id}
            poll={poll}
            moderator={moderator}
            onVote={(option) => act(polls.vote(poll.id, option))}
            onOpen={() => act(polls.open(poll.id))}
            onClose={() => act(polls.close(poll.id))}
          />
        ))}
      </ul>
      {(failed || polls.failed) && (
        <p role="alert" className="room-error">
          {t(polls.failed ? 'classroom.polls.failed' : 'classroom.polls.actionFailed')}
        </p>
      )}
    </div>
  );
});
