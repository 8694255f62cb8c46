import type { Poll } from '@stagecast/contracts';
import { AppError, wrongState } from '../../errors.js';
import type { SignedInAccess } from '../sessions/access.js';
import { assertNotEnded } from '../sessions/assert-not-ended.js';
import type { PollCall } from './deliver-polls.js';

/**
 * Counts the caller's one vote in an open poll and has the room's results updated (coalesced).
 * A second vote is 409 `already_voted`; a vote on a draft 409 `poll_not_open`, on a closed
 * poll 409 `poll_closed`; an option the poll does not have, 400.
 */
export async function votePoll(
  options: PollCall<SignedInAccess> & { pollId: string; option: number },
): Promise<Poll> {
  const { access, repo, option } = options;
  assertNotEnded(access);
  const row = await repo.find(access.view.session.sessionId, options.pollId);
  if (!row) throw new AppError('NOT_FOUND', 'no such poll');
  if (option >= row.options.length) {
    throw new AppError('VALIDATION_FAILED', `this poll has ${row.options.length} options`, {
      field: 'body.option',
    });
  }
  const outcome = await repo.vote(row.id, access.identity, option);
  if (outcome.kind === 'no_poll') throw new AppError('NOT_FOUND', 'no such poll');
  if (outcome.kind === 'already_voted') {
    throw new AppError('CONFLICT', 'you have voted in this poll already', undefined, {
      reason: 'already_voted',
    });
  }
  if (outcome.kind === 'not_open') {
    const closed = outcome.status === 'closed';
    throw closed
      ? wrongState('poll_closed', 'this poll is closed', outcome.status)
      : wrongState('poll_not_open', 'this poll is not open yet', outcome.status);
  }
  options.delivery.handleVote(row.id);
  return repo.dto(row, access.identity);
}
