import type { Poll } from '@stagecast/contracts';
import { AppError, wrongState } from '../../errors.js';
import type { ModeratorAccess } from '../sessions/access.js';
import type { PollCall } from './deliver-polls.js';
import type { PollRow } from './poll-repository.js';

/**
 * Opens a draft or closes an open poll, and tells the room. Doing it again changes nothing and
 * answers the poll (a retried click); going back is refused: opening a closed poll is 409
 * `poll_closed`, closing a draft 409 `poll_not_open`.
 */
export async function changePollStatus(
  options: PollCall<ModeratorAccess> & { pollId: string; to: 'open' | 'closed' },
): Promise<Poll> {
  const { access, repo, to } = options;
  const sessionId = access.view.session.sessionId;
  const found = await repo.find(sessionId, options.pollId);
  if (!found) throw new AppError('NOT_FOUND', 'no such poll');
  let row: PollRow | undefined = found;
  if (found.status !== to) {
    refuseBackwards(found, to);
    row = await repo.transition(found.id, to === 'open' ? 'draft' : 'open', to, new Date());
    if (!row) return changePollStatus(options); // another moderator moved it meanwhile
  }
  const poll = await repo.dto(row, access.identity);
  if (found.status !== to) await options.delivery.deliver(poll);
  return poll;
}

function refuseBackwards(row: PollRow, to: 'open' | 'closed'): void {
  if (row.status === 'closed') {
    throw wrongState('poll_closed', 'this poll is closed', row.status);
  }
  if (to === 'closed' && row.status === 'draft') {
    throw wrongState('poll_not_open', 'this poll was never opened', row.status);
  }
}
