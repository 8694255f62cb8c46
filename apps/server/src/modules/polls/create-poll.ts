import { randomUUID } from 'node:crypto';
import type { CreatePollBody, Poll } from '@stagecast/contracts';
import type { CallerOptions, ModeratorAccess } from '../sessions/access.js';
import { assertNotEnded } from '../sessions/assert-not-ended.js';
import type { PollDelivery } from './deliver-polls.js';
import type { PollRepository } from './poll-repository.js';

/** Stores a poll as a draft (or open at once, with `open`) and tells the room. */
export async function createPoll(
  options: CallerOptions<ModeratorAccess> & {
    repo: PollRepository;
    delivery: PollDelivery;
    body: CreatePollBody;
  },
): Promise<Poll> {
  const { access, body } = options;
  assertNotEnded(access);
  const now = new Date();
  const row = await options.repo.insert({
    id: randomUUID(),
    sessionId: access.view.session.sessionId,
    question: body.question,
    options: body.options,
    status: body.open ? 'open' : 'draft',
    createdBy: access.identity,
    openedAt: body.open ? now : null,
  });
  const [poll] = await options.repo.dtos([row], access.identity);
  await options.delivery.deliver(poll!);
  return poll!;
}
