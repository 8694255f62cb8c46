import { QUESTIONS_TOPIC } from '@stagecast/contracts';
import type { Question, QuestionsDataPacket } from '@stagecast/contracts';
import type { AppContext } from '../../context.js';
import { resendOnChange } from '../polls/resend-on-change.js';
import type { CallerOptions, SessionAccess } from '../sessions/access.js';
import type { QuestionRepository } from './question-repository.js';

/**
 * Sends questions to the room over LiveKit data (topic `questions`), the server as the only
 * author. Upvotes go through `handleUpvote`, coalesced per question like poll votes, each
 * packet read from the database. A failed send is only logged (clients read the list again on
 * reconnect).
 */
export function questionDelivery(ctx: AppContext, repo: QuestionRepository) {
  const deliver = async (question: Question): Promise<void> => {
    const packet: QuestionsDataPacket = {
      type: 'question',
      question: { ...question, upvoted_by_me: false },
    };
    await ctx.livekit.rooms
      .broadcast(question.session_id, QUESTIONS_TOPIC, packet)
      .catch((err: unknown) => {
        ctx.logger.warn({ err, session: question.session_id }, 'question delivery failed');
      });
  };
  const upvotes = resendOnChange(ctx, {
    kind: 'question',
    what: 'question upvotes',
    repo,
    deliver,
  });
  return {
    deliver,
    handleUpvote: (id: string) => upvotes.handle(id),
    close: () => upvotes.close(),
  };
}
export type QuestionDelivery = ReturnType<typeof questionDelivery>;

/** What every Q&A use case takes: the caller, the questions and their delivery to the room. */
export type QuestionCall<A extends SessionAccess> = CallerOptions<A> & {
  repo: QuestionRepository;
  delivery: QuestionDelivery;
};
