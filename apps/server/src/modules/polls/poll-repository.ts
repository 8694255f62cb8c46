import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import type { Poll, PollStatus } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { findAll } from '../../db/find-all.js';
import { findOne } from '../../db/find-one.js';
import { polls, pollVotes } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';

export type PollRow = typeof polls.$inferSelect;
export type NewPollRow = typeof polls.$inferInsert;

/** What a vote came to: counted, or refused and why. */
export type VoteOutcome =
  | { kind: 'counted' }
  | { kind: 'already_voted' }
  | { kind: 'not_open'; status: PollStatus }
  | { kind: 'no_poll' };

/** The poll as the API shows it: votes per option (in order), the total and the caller's vote. */
export function toPollDto(row: PollRow, votes: number[], myVote: number | null): Poll {
  const options = row.options.map((text, index) => ({ index, text, votes: votes[index] ?? 0 }));
  return {
    id: row.id,
    session_id: row.sessionId,
    question: row.question,
    options,
    status: row.status,
    total_votes: options.reduce((sum, o) => sum + o.votes, 0),
    my_vote: myVote,
    created_at: row.createdAt.toISOString(),
    opened_at: row.openedAt?.toISOString() ?? null,
    closed_at: row.closedAt?.toISOString() ?? null,
  };
}

export function pollRepository(db: Db) {
  return {
    async insert(row: NewPollRow): Promise<PollRow> {
      const [inserted] = await db.insert(polls).values(row).returning();
      return inserted!;
    },
    async find(sessionId: string, id: string): Promise<PollRow | undefined> {
      return findOne(db, polls, and(eq(polls.sessionId, sessionId), eq(polls.id, id)));
    },
    async findById(id: string): Promise<PollRow | undefined> {
      return findOne(db, polls, eq(polls.id, id));
    },
    /** Oldest first; drafts left out unless asked for. */
    async list(sessionId: string, withDrafts: boolean): Promise<PollRow[]> {
      const shown = withDrafts ? undefined : ne(polls.status, 'draft');
      const where = and(eq(polls.sessionId, sessionId), shown);
      return findAll(db, polls, where, asc(polls.createdAt), asc(polls.id));
    },
    /** Moves the poll from `from` to `to`; undefined when it was not in `from` (any more). */
    async transition(
      id: string,
      from: PollStatus,
      to: PollStatus,
      at: Date,
    ): Promise<PollRow | undefined> {
      const stamp = to === 'open' ? { openedAt: at } : to === 'closed' ? { closedAt: at } : {};
      const [updated] = await db
        .update(polls)
        .set({ status: to, ...stamp })
        .where(and(eq(polls.id, id), eq(polls.status, from)))
        .returning();
      return updated;
    },
    /**
     * Counts one vote while the poll is open. The poll's row is read `FOR SHARE`, so a close
     * waits for the votes under way and no vote lands after it; the primary key
     * (poll, identity) refuses a second vote, whatever the timing.
     */
    async vote(pollId: string, identity: string, option: number): Promise<VoteOutcome> {
      return inTransaction(db, async (tx) => {
        const [poll] = await tx
          .select({ status: polls.status })
          .from(polls)
          .where(eq(polls.id, pollId))
          .for('share');
        if (!poll) return { kind: 'no_poll' };
        if (poll.status !== 'open') return { kind: 'not_open', status: poll.status };
        const inserted = await tx
          .insert(pollVotes)
          .values({ pollId, identity, option })
          .onConflictDoNothing()
          .returning({ pollId: pollVotes.pollId });
        return inserted.length > 0 ? { kind: 'counted' } : { kind: 'already_voted' };
      });
    },
    /** Votes per option of each poll, indexed by option. */
    async counts(pollIds: string[]): Promise<Map<string, number[]>> {
      const result = new Map<string, number[]>();
      if (pollIds.length === 0) return result;
      const rows = await db
        .select({ pollId: pollVotes.pollId, option: pollVotes.option, n: count() })
        .from(pollVotes)
        .where(inArray(pollVotes.pollId, pollIds))
        .groupBy(pollVotes.pollId, pollVotes.option);
      for (const row of rows) {
        const votes = result.get(row.pollId) ?? [];
        votes[row.option] = row.n;
        result.set(row.pollId, votes);
      }
      return result;
    },
    /** The option `identity` chose in each of the polls it voted in. */
    async votesOf(pollIds: string[], identity: string): Promise<Map<string, number>> {
      if (pollIds.length === 0) return new Map();
      const rows = await db
        .select({ pollId: pollVotes.pollId, option: pollVotes.option })
        .from(pollVotes)
        .where(and(inArray(pollVotes.pollId, pollIds), eq(pollVotes.identity, identity)));
      return new Map(rows.map((r) => [r.pollId, r.option]));
    },
    /** The polls as the API shows them to `identity` (none: as data packets carry them). */
    async dtos(rows: PollRow[], identity?: string): Promise<Poll[]> {
      const ids = rows.map((r) => r.id);
      const counts = await this.counts(ids);
      const mine = identity ? await this.votesOf(ids, identity) : new Map<string, number>();
      return rows.map((r) => toPollDto(r, counts.get(r.id) ?? [], mine.get(r.id) ?? null));
    },
    /** The poll as the API shows it to `identity`. */
    async dto(row: PollRow, identity: string): Promise<Poll> {
      return (await this.dtos([row], identity))[0]!;
    },
  };
}
export type PollRepository = ReturnType<typeof pollRepository>;
