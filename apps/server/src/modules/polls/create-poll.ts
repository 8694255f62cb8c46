import { randomUUID } from 'node:crypto';
import type { CreatePollBody, Poll } from '@stagecast/contracts';
import type { ModeratorAccess } from '../sessions/access.js';
import { assertNotEnded } from '../sessions/assert-not-ended.js';
import type { PollCall } from './deliver-polls.js';

/** Stores a poll as a draft (or open at once, with `open`) and tells the room. */
export async function createPoll(
  options: PollCall<ModeratorAccess> & { body: CreatePollBody },
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
  const poll = await options.repo.dto(row, access.identity);
  await options.delivery.deliver(poll);
  return poll;
}
