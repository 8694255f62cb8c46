import type { Question } from '@stagecast/contracts';
import { AppError } from '../../errors.js';
import type { SignedInAccess } from '../sessions/access.js';
import { assertNotEnded } from '../sessions/assert-not-ended.js';
import type { QuestionCall } from './deliver-questions.js';

/**
 * Adds the caller's upvote (`up`) or takes it back, and has the room's count updated
 * (coalesced). A second upvote is 409 `already_upvoted`; a hidden question is not found for
 * those who cannot see it, and takes no upvotes from anyone.
 */
export async function upvoteQuestion(
  options: QuestionCall<SignedInAccess> & { questionId: string; up: boolean },
): Promise<Question> {
  const { access, repo } = options;
  assertNotEnded(access);
  const sessionId = access.view.session.sessionId;
  const row = await repo.find(sessionId, options.questionId);
  if (!row || row.hiddenAt) throw new AppError('NOT_FOUND', 'no such question');
  const changed = options.up
    ? await repo.upvote(row.id, access.identity)
    : await repo.removeUpvote(row.id, access.identity);
  if (options.up && !changed) {
    throw new AppError('CONFLICT', 'you have upvoted this question already', undefined, {
      reason: 'already_upvoted',
    });
  }
  if (changed) options.delivery.handleUpvote(row.id);
  return repo.current(sessionId, row.id, access.identity);
}
