import { randomUUID } from 'node:crypto';
import type { Question } from '@stagecast/contracts';
import { displayNameOf } from '../auth/authenticator.js';
import type { CallerOptions, SignedInAccess } from '../sessions/access.js';
import { assertNotEnded } from '../sessions/assert-not-ended.js';
import type { QuestionDelivery } from './deliver-questions.js';
import type { QuestionRepository } from './question-repository.js';

/** Stores a question under the caller's name (set by the server) and tells the room. */
export async function askQuestion(
  options: CallerOptions<SignedInAccess> & {
    repo: QuestionRepository;
    delivery: QuestionDelivery;
    text: string;
  },
): Promise<Question> {
  const { access, repo } = options;
  assertNotEnded(access);
  const sessionId = access.view.session.sessionId;
  const id = randomUUID();
  await repo.insert({
    id,
    sessionId,
    authorIdentity: access.identity,
    authorName: access.participant?.displayName ?? displayNameOf(access.principal),
    text: options.text,
  });
  const [question] = await repo.dtos([(await repo.find(sessionId, id))!], access.identity);
  await options.delivery.deliver(question!);
  return question!;
}
