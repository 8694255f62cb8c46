import { and, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findOne } from '../../db/find-one.js';
import { liveParticipants, liveSessions, users } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { ParticipantRow } from '../participants/participant-repository.js';
import { dropAround } from './access-cache.js';
import type { AccessCache } from './access-cache.js';

export type SessionRow = typeof liveSessions.$inferSelect;
export type NewSession = typeof liveSessions.$inferInsert;

/** A session with what every read shows beside it. */
export interface SessionView {
  session: SessionRow;
  hostName: string;
  participantCount: number;
}

const connectedCount = sql<number>`(
  select count(*)::int from ${liveParticipants}
  where ${liveParticipants.sessionId} = ${liveSessions.sessionId}
    and ${liveParticipants.connected} and ${liveParticipants.bannedAt} is null
)`;

export type AccessRow = SessionView & { participant: ParticipantRow | null; elsewhere: string[] };
export type SessionAccessCache = AccessCache<AccessRow>;

/** What every read of a session shows: the row, its host's name, who is connected now. */
const viewColumns = {
  session: liveSessions,
  hostName: users.username,
  participantCount: connectedCount,
};

/**
 * Live sessions (their participants are in `participants/participant-repository.ts`); the same
 * code runs on PGlite and PostgreSQL. With a cache, `accessView` answers from it and every write
 * here drops what it concerns.
 */
export function sessionRepository(db: Db, cache?: SessionAccessCache) {
  const write = dropAround(cache);
  const refreshing = new Map<string, Promise<AccessRow | undefined>>();
  /** Reads one access row and caches it (once per key at a time). */
  const refreshAccess = (sessionId: string, who: string): Promise<AccessRow | undefined> => {
    const key = `${sessionId}\n${who}`;
    const running = refreshing.get(key);
    if (running) return running;
    const mark = cache?.mark() ?? 0;
    const run = (async () => {
      const [row] = await db
        .select({
          ...viewColumns,
          participant: liveParticipants,
          elsewhere: sql<string[]>`array(
            select o.session_id::text from ${liveParticipants} o
            where o.identity = ${who} and o.connected and o.session_id <> ${liveSessions.sessionId}
          )`,
        })
        .from(liveSessions)
        .innerJoin(users, eq(users.id, liveSessions.ownerId))
        .leftJoin(
          liveParticipants,
          and(
            eq(liveParticipants.sessionId, liveSessions.sessionId),
            eq(liveParticipants.identity, who),
          ),
        )
        .where(eq(liveSessions.sessionId, sessionId))
        .limit(1);
      if (row) cache?.set(sessionId, who, row, mark);
      return row;
    })().finally(() => refreshing.delete(key));
    refreshing.set(key, run);
    return run;
  };
  return {
    async create(session: NewSession): Promise<SessionRow> {
      const [row] = await db.insert(liveSessions).values(session).returning();
      return row!;
    },
    async findById(sessionId: string): Promise<SessionRow | undefined> {
      return findOne(db, liveSessions, eq(liveSessions.sessionId, sessionId));
    },
    /** The session as every read shows it; NOT_FOUND when it is gone. */
    async view(sessionId: string): Promise<SessionView> {
      const [row] = await db
        .select(viewColumns)
        .from(liveSessions)
        .innerJoin(users, eq(users.id, liveSessions.ownerId))
        .where(eq(liveSessions.sessionId, sessionId))
        .limit(1);
      if (!row) throw new AppError('NOT_FOUND', 'no such session');
      return row;
    },
    /**
     * Everything a request about one session needs, in one round trip: the session with its host
     * and count, the caller's participant row, and the other sessions the caller's identity is
     * connected to now (for one room per identity).
     */
    async accessView(
      sessionId: string,
      identity: string | undefined,
    ): Promise<AccessRow | undefined> {
      const who = identity ?? '';
      const cached = cache?.get(sessionId, who);
      if (cached) {
        // Refreshed in the background past half its life, so hot keys never miss.
        if (cached.aging) void refreshAccess(sessionId, who).catch(() => undefined);
        return cached.value;
      }
      return refreshAccess(sessionId, who);
    },
    /**
     * A page of sessions. Private sessions are listed only to their owner, to admins, and to
     * those who hold a role there.
     */
    async list(filter: {
      viewer: { userId: string | undefined; identity: string | undefined; isAdmin: boolean };
      status?: SessionRow['status'] | undefined;
      isPublic?: boolean | undefined;
      page: number;
      pageSize: number;
    }): Promise<{ rows: SessionView[]; total: number }> {
      const conditions: (SQL | undefined)[] = [];
      if (filter.status) conditions.push(eq(liveSessions.status, filter.status));
      if (filter.isPublic !== undefined)
        conditions.push(eq(liveSessions.isPublic, filter.isPublic));
      if (!filter.viewer.isAdmin) {
        const visible: SQL[] = [eq(liveSessions.isPublic, true)];
        if (filter.viewer.userId) visible.push(eq(liveSessions.ownerId, filter.viewer.userId));
        if (filter.viewer.identity) {
          visible.push(
            inArray(
              liveSessions.sessionId,
              db
                .select({ id: liveParticipants.sessionId })
                .from(liveParticipants)
                .where(
                  and(
                    eq(liveParticipants.identity, filter.viewer.identity),
                    isNull(liveParticipants.bannedAt),
                  ),
                ),
            ),
          );
        }
        conditions.push(or(...visible));
      }
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        db
          .select(viewColumns)
          .from(liveSessions)
          .innerJoin(users, eq(users.id, liveSessions.ownerId))
          .where(where)
          .orderBy(
            sql`case ${liveSessions.status} when 'live' then 0 when 'scheduled' then 1 else 2 end`,
            sql`coalesce(${liveSessions.startedAt}, ${liveSessions.scheduledAt}, ${liveSessions.createdAt}) desc`,
            desc(liveSessions.createdAt),
          )
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(liveSessions).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    /**
     * Changes the session; NOT_FOUND when it is gone (deleted meanwhile). `bumpRevision` adds one
     * to its calendar revision in the same statement, so concurrent changes each count.
     */
    async update(
      sessionId: string,
      patch: Partial<NewSession>,
      options: { bumpRevision?: boolean } = {},
    ): Promise<SessionRow> {
      const revision = options.bumpRevision
        ? { revision: sql`${liveSessions.revision} + 1` }
        : undefined;
      const [row] = await write(sessionId, undefined, () =>
        db
          .update(liveSessions)
          .set({ ...patch, ...revision, updatedAt: new Date() })
          .where(eq(liveSessions.sessionId, sessionId))
          .returning(),
      );
      if (!row) throw new AppError('NOT_FOUND', 'no such session');
      return row;
    },
    /** Moves `from` → `to` only if the session is still in `from`; undefined when it was not. */
    async transition(
      sessionId: string,
      from: SessionRow['status'][],
      patch: Partial<NewSession>,
    ): Promise<SessionRow | undefined> {
      const [row] = await write(sessionId, undefined, () =>
        db
          .update(liveSessions)
          .set({ ...patch, updatedAt: new Date() })
          .where(and(eq(liveSessions.sessionId, sessionId), inArray(liveSessions.status, from)))
          .returning(),
      );
      return row;
    },
    async delete(sessionId: string): Promise<void> {
      await write(sessionId, undefined, () =>
        db.delete(liveSessions).where(eq(liveSessions.sessionId, sessionId)),
      );
    },
    async liveSessionIds(): Promise<string[]> {
      const rows = await db
        .select({ id: liveSessions.sessionId })
        .from(liveSessions)
        .where(eq(liveSessions.status, 'live'));
      return rows.map((r) => r.id);
    },
  };
}
export type SessionRepository = ReturnType<typeof sessionRepository>;
