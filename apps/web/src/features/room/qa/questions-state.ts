import type { Question } from '@stagecast/contracts';
import type { ItemSource } from '../useSyncedList.js';

/** The copy to hold: the incoming one, keeping whether the caller upvoted as the API told it. */
export function mergeQuestion(
  current: Question | undefined,
  incoming: Question,
  source: ItemSource,
): Question {
  if (source === 'api' || !current) return incoming;
  return { ...incoming, upvoted_by_me: current.upvoted_by_me };
}

/**
 * What the caller sees: hidden questions only when they moderate; most upvoted first, then
 * oldest first (as the API lists them).
 */
export function visibleQuestions(questions: readonly Question[], moderator: boolean): Question[] {
  return questions
    .filter((q) => moderator || !q.hidden)
    .sort(
      (a, b) =>
        b.upvotes - a.upvotes ||
        a.created_at.localeCompare(b.created_at) ||
        a.id.localeCompare(b.id),
    );
}
