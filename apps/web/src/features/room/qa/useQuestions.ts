import { useCallback } from 'react';
import { apiRoutes as r } from '@stagecast/contracts';
import type { Question } from '@stagecast/contracts';
import { request } from '../../../api/client.js';
import { sessionsApi } from '../../../api/endpoints.js';
import { PACKETS } from '../data-packets.js';
import { useSyncedList } from '../useSyncedList.js';
import type { SyncedSource } from '../useSyncedList.js';
import { mergeQuestion, visibleQuestions } from './questions-state.js';

export interface UseQuestionsResult {
  questions: readonly Question[];
  failed: boolean;
  ask: (text: string) => Promise<void>;
  /** Upvotes, or takes the caller's upvote back. */
  upvote: (question: Question) => Promise<void>;
  update: (questionId: string, change: { answered?: boolean; hidden?: boolean }) => Promise<void>;
}

const questions: SyncedSource<Question, 'question_id'> = {
  param: 'question_id',
  load: async (sessionId) => (await sessionsApi.questions(sessionId)).questions,
  packets: PACKETS.questions,
  merge: mergeQuestion,
};

/** The session's Q&A (issue 15), live over topic `questions`, with the calls that change it. */
export function useQuestions(sessionId: string, moderator: boolean): UseQuestionsResult {
  const list = useSyncedList(sessionId, questions);
  const { put, at } = list;
  return {
    questions: visibleQuestions(list.items, moderator),
    failed: list.failed,
    ask: useCallback(
      async (text: string) =>
        put(
          (await request(r.askQuestion, { params: { session_id: sessionId }, body: { text } }))
            .question,
        ),
      [sessionId, put],
    ),
    upvote: useCallback(
      async (question: Question) => {
        if (!question.upvoted_by_me) {
          put((await request(r.upvoteQuestion, { params: at(question.id) })).question);
          return;
        }
        await request(r.removeUpvote, { params: at(question.id) });
        put({ ...question, upvoted_by_me: false, upvotes: Math.max(0, question.upvotes - 1) });
      },
      [at, put],
    ),
    update: useCallback(
      async (questionId: string, change: { answered?: boolean; hidden?: boolean }) =>
        put((await request(r.updateQuestion, { params: at(questionId), body: change })).question),
      [at, put],
    ),
  };
}
