import type { Poll } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import { isNewerPoll, mergePoll, orderPolls, sharePercent } from './polls-state.js';

const poll = (over: Partial<Poll>): Poll => ({
  id: 'p',
  session_id: 's',
  question: 'Q?',
  options: [
    { index: 0, text: 'A', votes: 0 },
    { index: 1, text: 'B', votes: 0 },
  ],
  status: 'open',
  total_votes: 0,
  my_vote: null,
  created_at: '2026-12-01T10:00:00.000Z',
  opened_at: null,
  closed_at: null,
  ...over,
});

describe('polls state', () => {
  it('keeps the copy with more votes when packets arrive out of order', () => {
    const held = poll({ total_votes: 7 });
    expect(isNewerPoll(held, poll({ total_votes: 5 }))).toBe(false);
    expect(mergePoll(held, poll({ total_votes: 5 }), 'packet').total_votes).toBe(7);
    expect(mergePoll(held, poll({ total_votes: 9 }), 'packet').total_votes).toBe(9);
  });

  it('never moves a poll back from closed to open', () => {
    const closed = poll({ status: 'closed', total_votes: 3 });
    expect(mergePoll(closed, poll({ status: 'open', total_votes: 3 }), 'packet').status).toBe(
      'closed',
    );
  });

  it('keeps the caller’s vote from the API when a packet (which has none) arrives', () => {
    const mine = mergePoll(undefined, poll({ my_vote: 1, total_votes: 1 }), 'api');
    expect(mergePoll(mine, poll({ total_votes: 4 }), 'packet')).toMatchObject({
      my_vote: 1,
      total_votes: 4,
    });
  });

  it('rounds shares and orders open polls first, newest first', () => {
    expect([sharePercent(1, 3), sharePercent(0, 0), sharePercent(2, 2)]).toEqual([33, 0, 100]);
    const ordered = orderPolls([
      poll({ id: 'closed', status: 'closed' }),
      poll({ id: 'old', created_at: '2026-12-01T09:00:00.000Z' }),
      poll({ id: 'draft', status: 'draft' }),
      poll({ id: 'new' }),
    ]);
    expect(ordered.map((p) => p.id)).toEqual(['new', 'old', 'draft', 'closed']);
  });
});
