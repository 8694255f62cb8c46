import type { Question } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import { mergeQuestion, visibleQuestions } from './questions-state.js';

const question = (over: Partial<Question>): Question => ({
  id: 'q',
  session_id: 's',
  text: 'Why?',
  author: { identity: 'user:a', display_name: 'A' },
  upvotes: 0,
  upvoted_by_me: false,
  answered: false,
  hidden: false,
  created_at: '2026-12-01T10:00:00.000Z',
  ...over,
});

describe('questions state', () => {
  it('keeps the caller’s own upvote when a packet brings the new count', () => {
    const mine = question({ upvotes: 1, upvoted_by_me: true });
    expect(mergeQuestion(mine, question({ upvotes: 5 }), 'packet')).toMatchObject({
      upvotes: 5,
      upvoted_by_me: true,
    });
    expect(mergeQuestion(mine, question({ upvotes: 0 }), 'api').upvoted_by_me).toBe(false);
  });

  it('sorts by upvotes then age, and shows hidden ones to moderators only', () => {
    const list = [
      question({ id: 'late', created_at: '2026-12-01T10:05:00.000Z', upvotes: 2 }),
      question({ id: 'hidden', hidden: true, upvotes: 9 }),
      question({ id: 'early', upvotes: 2 }),
      question({ id: 'top', upvotes: 3 }),
    ];
    expect(visibleQuestions(list, false).map((q) => q.id)).toEqual(['top', 'early', 'late']);
    expect(visibleQuestions(list, true).map((q) => q.id)).toEqual([
      'hidden',
      'top',
      'early',
      'late',
    ]);
  });
});
