import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { liveParticipants, liveSessions } from '../../db/schema.js';

export type SessionRow = typeof liveSessions.$inferSelect;
export type NewSession = typeof liveSessions.$inferInsert;
export type ParticipantRow = typeof liveParticipants.$inferSelect;
export type NewParticipant = typeof liveParticipants.$inferInsert;

/** Live sessions and their participants; the same code runs on PGlite and PostgreSQL. */
export function sessionRepository(db: Db) {
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
    /** Inserts the participant, or updates name and role when the identity is already there. */
    async upsertParticipant(participant: NewParticipant): Promise<ParticipantRow> {
      const [row] = await db
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
        .returning();
      return row!;
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
  };
}
