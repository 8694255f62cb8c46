import { QUESTIONS_TOPIC } from '@stagecast/contracts';
import type { Question, QuestionsDataPacket } from '@stagecast/contracts';
import type { AppContext } from '../../context.js';
import { coalescer } from '../polls/coalescer.js';
import { RESULTS_PER_SECOND } from '../polls/deliver-polls.js';
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
  const upvotes = coalescer({
    intervalMs: 1000 / RESULTS_PER_SECOND,
    flush: async (questionId) => {
      const row = await repo.findById(questionId);
      if (row) await deliver((await repo.dtos([row]))[0]!);
    },
    onError: (err, id) => ctx.logger.warn({ err, question: id }, 'question upvotes not sent'),
  });
  return {
    deliver,
    handleUpvote: (id: string) => upvotes.handle(id),
    close: () => upvotes.close(),
  };
}
export type QuestionDelivery = ReturnType<typeof questionDelivery>;
