import { and, count, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findAll } from '../../db/find-all.js';
import { findOne } from '../../db/find-one.js';
import { liveSessions, recordings, users } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { emitWebhookEvent } from '../webhooks-out/emit-event.js';
import { toRecordingDto } from './recording-dto.js';

export type RecordingRow = typeof recordings.$inferSelect;
export type NewRecording = typeof recordings.$inferInsert;
export type RecordingStatus = RecordingRow['status'];

/** A recording in these states is still being made; at most one per session. */
export const IN_PROGRESS: RecordingStatus[] = ['starting', 'active', 'ending'];

/**
 * Recording rows. `publicUrl` builds the download links of the `recording.ready` and
 * `recording.failed` webhooks, which every move into `complete` or `failed` queues in its own
 * transaction: whichever path ends a recording (its recorder, Egress, recovery), once.
 */
export function recordingRepository(db: Db, publicUrl: string) {
  return {
    /** Inserts the recording; undefined when the session already has one in progress. */
    async insert(row: NewRecording): Promise<RecordingRow | undefined> {
      const [inserted] = await db.insert(recordings).values(row).onConflictDoNothing().returning();
      return inserted;
    },
    async findById(id: string): Promise<RecordingRow | undefined> {
      return findOne(db, recordings, eq(recordings.id, id));
    },
    async findByEgressId(egressId: string): Promise<RecordingRow | undefined> {
      return findOne(db, recordings, eq(recordings.egressId, egressId));
    },
    /** Deletes the session's recordings; returns their ids. */
    async deleteBySession(sessionId: string): Promise<string[]> {
      const rows = await db
        .delete(recordings)
        .where(eq(recordings.sessionId, sessionId))
        .returning({ id: recordings.id });
      return rows.map((row) => row.id);
    },
    /**
     * Deletes a finished (complete or failed) recording's row; `undefined` when there is no such
     * row or it is still being made.
     */
    async deleteFinished(id: string): Promise<RecordingRow | undefined> {
      const [row] = await db
        .delete(recordings)
        .where(and(eq(recordings.id, id), notInArray(recordings.status, IN_PROGRESS)))
        .returning();
      return row;
    },
    /** A page of every session's recordings, newest first, with the session's title and owner. */
    async page(filter: { page: number; pageSize: number }) {
      const [rows, [totals]] = await Promise.all([
        db
          .select({
            recording: recordings,
            sessionTitle: liveSessions.title,
            ownerId: users.id,
            ownerName: users.username,
          })
          .from(recordings)
          .innerJoin(liveSessions, eq(liveSessions.sessionId, recordings.sessionId))
          .innerJoin(users, eq(users.id, liveSessions.ownerId))
          .orderBy(desc(recordings.createdAt), recordings.id)
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db
          .select({
            n: count(),
            bytes: sql<string>`coalesce(sum(${recordings.sizeBytes}), 0)`,
          })
          .from(recordings),
      ]);
      return { rows, total: totals?.n ?? 0, totalBytes: Number(totals?.bytes ?? 0) };
    },
    /** Newest first. */
    async listBySession(sessionId: string): Promise<RecordingRow[]> {
      const inSession = eq(recordings.sessionId, sessionId);
      return findAll(db, recordings, inSession, desc(recordings.createdAt));
    },
    async inProgress(sessionId: string): Promise<RecordingRow | undefined> {
      return findOne(
        db,
        recordings,
        and(eq(recordings.sessionId, sessionId), inArray(recordings.status, IN_PROGRESS)),
      );
    },
    /** An egress recording of the session whose egress id is not known yet (a webhook raced). */
    async pendingEgress(sessionId: string): Promise<RecordingRow | undefined> {
      return findOne(
        db,
        recordings,
        and(
          eq(recordings.sessionId, sessionId),
          eq(recordings.backend, 'egress'),
          isNull(recordings.egressId),
          inArray(recordings.status, IN_PROGRESS),
        ),
      );
    },
    async allInProgress(): Promise<RecordingRow[]> {
      return findAll(db, recordings, inArray(recordings.status, IN_PROGRESS));
    },
    /** Applies `patch` only while the recording is in one of `from`; undefined when it was not. */
    async transition(
      id: string,
      from: RecordingStatus[],
      patch: Partial<NewRecording>,
    ): Promise<RecordingRow | undefined> {
      const move = async (d: Db) => {
        const [row] = await d
          .update(recordings)
          .set({ ...patch, updatedAt: new Date() })
          .where(and(eq(recordings.id, id), inArray(recordings.status, from)))
          .returning();
        if (row && (row.status === 'complete' || row.status === 'failed')) {
          const type = row.status === 'complete' ? 'recording.ready' : 'recording.failed';
          await emitWebhookEvent(d, type, () => toRecordingDto(row, publicUrl));
        }
        return row;
      };
      const ends = patch.status === 'complete' || patch.status === 'failed';
      return ends ? inTransaction(db, move) : move(db);
    },
  };
}
export type RecordingRepository = ReturnType<typeof recordingRepository>;
