import { and, count, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AccessCache } from './access-cache.js';
import { liveParticipants, liveSessions, users } from '../../db/schema.js';

export type SessionRow = typeof liveSessions.$inferSelect;
export type NewSession = typeof liveSessions.$inferInsert;
export type ParticipantRow = typeof liveParticipants.$inferSelect;
export type NewParticipant = typeof liveParticipants.$inferInsert;

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
 * Live sessions and their participants; the same code runs on PGlite and PostgreSQL. With a
 * cache, `accessView` answers from it and every write here drops what it concerns.
 */
export function sessionRepository(db: Db, cache?: SessionAccessCache) {
  const changed = (sessionId: string, identity?: string) => {
    cache?.sessionChanged(sessionId);
    if (identity) cache?.identityChanged(identity);
  };
  /** Drops cached views before a write and again once it is done, so no read in between sticks. */
  const write = async <T>(
    sessionId: string,
    identity: string | undefined,
    run: () => Promise<T>,
  ) => {
    changed(sessionId, identity);
    try {
      return await run();
    } finally {
      changed(sessionId, identity);
    }
  };
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
      const [row] = await db
        .select()
        .from(liveSessions)
        .where(eq(liveSessions.sessionId, sessionId))
        .limit(1);
      return row;
    },
    async view(sessionId: string): Promise<SessionView | undefined> {
      const [row] = await db
        .select(viewColumns)
        .from(liveSessions)
        .innerJoin(users, eq(users.id, liveSessions.ownerId))
        .where(eq(liveSessions.sessionId, sessionId))
        .limit(1);
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
    async update(sessionId: string, patch: Partial<NewSession>): Promise<SessionRow | undefined> {
      const [row] = await write(sessionId, undefined, () =>
        db
          .update(liveSessions)
          .set({ ...patch, updatedAt: new Date() })
          .where(eq(liveSessions.sessionId, sessionId))
          .returning(),
      );
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

    async participants(sessionId: string): Promise<ParticipantRow[]> {
      return db
        .select()
        .from(liveParticipants)
        .where(and(eq(liveParticipants.sessionId, sessionId), isNull(liveParticipants.bannedAt)))
        .orderBy(liveParticipants.createdAt);
    },
    async findParticipant(
      sessionId: string,
      identity: string,
    ): Promise<ParticipantRow | undefined> {
      const [row] = await db
        .select()
        .from(liveParticipants)
        .where(
          and(eq(liveParticipants.sessionId, sessionId), eq(liveParticipants.identity, identity)),
        )
        .limit(1);
      return row;
    },
    async findParticipantByUserId(
      sessionId: string,
      userId: string,
    ): Promise<ParticipantRow | undefined> {
      const [row] = await db
        .select()
        .from(liveParticipants)
        .where(and(eq(liveParticipants.sessionId, sessionId), eq(liveParticipants.userId, userId)))
        .limit(1);
      return row;
    },
    /** Inserts the participant, or updates name and role when the identity is already there. */
    async upsertParticipant(participant: NewParticipant): Promise<ParticipantRow> {
      const [row] = await write(participant.sessionId, participant.identity, () =>
        db
          .insert(liveParticipants)
          .values(participant)
          .onConflictDoUpdate({
            target: [liveParticipants.sessionId, liveParticipants.identity],
            set: {
              displayName: participant.displayName,
              role: participant.role,
              updatedAt: new Date(),
            },
          })
          .returning(),
      );
      return row!;
    },
    async updateParticipant(
      sessionId: string,
      identity: string,
      patch: Partial<NewParticipant>,
    ): Promise<ParticipantRow | undefined> {
      const [row] = await write(sessionId, identity, () =>
        db
          .update(liveParticipants)
          .set({ ...patch, updatedAt: new Date() })
          .where(
            and(eq(liveParticipants.sessionId, sessionId), eq(liveParticipants.identity, identity)),
          )
          .returning(),
      );
      return row;
    },
    /** Connected people other than `exceptIdentity`, for the capacity check. */
    async connectedCount(sessionId: string, exceptIdentity: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(liveParticipants)
        .where(
          and(
            eq(liveParticipants.sessionId, sessionId),
            eq(liveParticipants.connected, true),
            isNull(liveParticipants.bannedAt),
            ne(liveParticipants.identity, exceptIdentity),
          ),
        );
      return row?.n ?? 0;
    },
    async disconnectAll(sessionId: string): Promise<void> {
      await write(sessionId, undefined, () =>
        db
          .update(liveParticipants)
          .set({
            connected: false,
            handRaised: false,
            leftAt: new Date(),
            livekitSid: null,
            updatedAt: new Date(),
          })
          .where(
            and(eq(liveParticipants.sessionId, sessionId), eq(liveParticipants.connected, true)),
          ),
      );
    },
  };
}
export type SessionRepository = ReturnType<typeof sessionRepository>;
