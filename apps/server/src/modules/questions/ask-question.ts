import { randomUUID } from 'node:crypto';
import type { Question } from '@stagecast/contracts';
import { displayNameOf } from '../auth/authenticator.js';
import type { SignedInAccess } from '../sessions/access.js';
import { assertNotEnded } from '../sessions/assert-not-ended.js';
import type { QuestionCall } from './deliver-questions.js';

/** Stores a question under the caller's name (set by the server) and tells the room. */
export async function askQuestion(
  options: QuestionCall<SignedInAccess> & { text: string },
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
  const question = await repo.current(sessionId, id, access.identity);
  await options.delivery.deliver(question);
  return question;
}
