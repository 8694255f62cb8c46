import type { AppContext } from '../../context.js';
import { coalescer } from './coalescer.js';

/** At most this many packets per second per poll or question, however fast the votes come. */
export const RESULTS_PER_SECOND = 4;

/**
 * Sends an item of the room again after its changes (a poll's votes, a question's upvotes),
 * coalesced per item (see `coalescer`): at most `RESULTS_PER_SECOND` packets a second, each
 * read from the database as it is sent; an item gone by then is not sent. A failure is logged.
 */
export function resendOnChange<Row, Item>(
  ctx: AppContext,
  options: {
    /** What a log line names the item by, and what it says was not sent. */
    kind: 'poll' | 'question';
    what: string;
    repo: {
      findById(id: string): Promise<Row | undefined>;
      dtos(rows: Row[]): Promise<Item[]>;
    };
    deliver: (item: Item) => Promise<void>;
  },
) {
  const { repo, deliver } = options;
  return coalescer({
    intervalMs: 1000 / RESULTS_PER_SECOND,
    flush: async (id) => {
      const row = await repo.findById(id);
      if (row) await deliver((await repo.dtos([row]))[0]!);
    },
    onError: (err, id) => ctx.logger.warn({ err, [options.kind]: id }, `${options.what} not sent`),
  });
}
