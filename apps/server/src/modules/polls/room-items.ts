import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { SignedInAccess } from '../sessions/access.js';

/** A repository of a session's items that the room sees (polls, questions). */
interface ItemRepository<Row, Item> {
  /** The session's items; `all`: hidden ones too (drafts, hidden questions), for moderators. */
  list(sessionId: string, all: boolean): Promise<Row[]>;
  /** The items as the API shows them to `identity`. */
  dtos(rows: Row[], identity?: string): Promise<Item[]>;
}

/**
 * What the polls and Q&A routes plugins of `app` set up alike: the module's repository and its
 * delivery to the room (closed with the app), together as each use case takes them (`uses`),
 * and `listFor(access)`, the session's items as the caller sees them.
 */
export function roomItems<Row, Item, Repo extends ItemRepository<Row, Item>, Delivery>(
  app: Pick<FastifyInstance, 'addHook'>,
  ctx: AppContext,
  repository: (db: Db) => Repo & ItemRepository<Row, Item>,
  delivery: (ctx: AppContext, repo: Repo) => Delivery & { close(): Promise<void> },
) {
  const repo = repository(ctx.database.db);
  const uses = { ctx, repo, delivery: delivery(ctx, repo) };
  app.addHook('onClose', async () => uses.delivery.close());
  const listFor = async (access: SignedInAccess) =>
    repo.dtos(await repo.list(access.view.session.sessionId, access.canModerate), access.identity);
  return { uses, listFor };
}
