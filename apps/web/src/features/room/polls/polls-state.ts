import type { Poll } from '@stagecast/contracts';
import type { ItemSource } from '../useSyncedList.js';

const STATUS_RANK: Record<Poll['status'], number> = { draft: 0, open: 1, closed: 2 };

/**
 * Whether `incoming` is at least as recent as `current`. A poll only moves forward (draft →
 * open → closed) and its votes only grow, so a packet that arrives late (another instance's,
 * or overtaken on the way) is recognised and ignored.
 */
export function isNewerPoll(current: Poll, incoming: Poll): boolean {
  const rank = STATUS_RANK[incoming.status] - STATUS_RANK[current.status];
  return rank !== 0 ? rank > 0 : incoming.total_votes >= current.total_votes;
}

/** The copy of a poll to hold: the newer one, with the caller's vote as the API told it. */
export function mergePoll(current: Poll | undefined, incoming: Poll, source: ItemSource): Poll {
  if (!current) return incoming;
  const base = isNewerPoll(current, incoming) ? incoming : current;
  return { ...base, my_vote: source === 'api' ? incoming.my_vote : current.my_vote };
}

/** An option's share of the votes, in whole percent (0 when nobody voted). */
export function sharePercent(votes: number, total: number): number {
  return total === 0 ? 0 : Math.round((votes / total) * 100);
}

/** Open polls first (newest first), then drafts, then closed ones (newest first). */
export function orderPolls(polls: readonly Poll[]): Poll[] {
  const group = { open: 0, draft: 1, closed: 2 } as const;
  return [...polls].sort(
    (a, b) => group[a.status] - group[b.status] || b.created_at.localeCompare(a.created_at),
  );
}
