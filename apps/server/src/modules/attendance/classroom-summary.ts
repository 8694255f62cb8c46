import type { AttendanceReport } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { pollRepository } from '../polls/poll-repository.js';
import { questionRepository } from '../questions/question-repository.js';

/**
 * What the report adds about the session's polls and questions (issue 15): every poll with its
 * counts (drafts left out: nobody saw them), every question with its upvotes, hidden ones too.
 */
export async function classroomSummary(
  db: Db,
  sessionId: string,
): Promise<Pick<AttendanceReport, 'polls' | 'questions'>> {
  const polls = pollRepository(db);
  const questions = questionRepository(db);
  const pollDtos = await polls.dtos(await polls.list(sessionId, false));
  const questionDtos = await questions.dtos(await questions.list(sessionId, true));
  return {
    polls: pollDtos.map((p) => ({
      question: p.question,
      status: p.status,
      options: p.options.map((o) => ({ text: o.text, votes: o.votes })),
      total_votes: p.total_votes,
    })),
    questions: questionDtos.map((q) => ({
      text: q.text,
      author: q.author.display_name,
      upvotes: q.upvotes,
      answered: q.answered,
      hidden: q.hidden,
      created_at: q.created_at,
    })),
  };
}
