import { and, asc, desc, eq, inArray, lt, lte, ne, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findOne } from '../../db/find-one.js';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema.js';
import { RETRY_WINDOW_MS } from './retry-policy.js';

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewDelivery = typeof webhookDeliveries.$inferInsert;
export type DeliveryStatus = DeliveryRow['status'];

/** What an attempt leaves on its row. */
export interface AttemptRecord {
  status: DeliveryStatus;
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: Date | null;
  at: Date;
}

/** The outbox of webhooks out and their delivery log. */
export function deliveryRepository(db: Db) {
  return {
    async insert(rows: NewDelivery[]): Promise<void> {
      if (rows.length > 0) await db.insert(webhookDeliveries).values(rows);
    },
    /** A page of an endpoint's log, newest first; one row more than `limit` tells of more. */
    async list(filter: {
      endpointId: string;
      status?: DeliveryStatus | undefined;
      before?: number | undefined;
      limit: number;
    }): Promise<DeliveryRow[]> {
      const conditions: (SQL | undefined)[] = [eq(webhookDeliveries.endpointId, filter.endpointId)];
      if (filter.status) conditions.push(eq(webhookDeliveries.status, filter.status));
      if (filter.before) conditions.push(lt(webhookDeliveries.id, filter.before));
      return db
        .select()
        .from(webhookDeliveries)
        .where(and(...conditions))
        .orderBy(desc(webhookDeliveries.id))
        .limit(filter.limit + 1);
    },
    async find(endpointId: string, id: number): Promise<DeliveryRow | undefined> {
      return findOne(
        db,
        webhookDeliveries,
        and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, id)),
      );
    },
    /** Due again now, with a new retry window; the event id (and body) stay as they were. */
    async replay(id: number, now: Date): Promise<DeliveryRow | undefined> {
      const [row] = await db
        .update(webhookDeliveries)
        .set({
          status: 'pending',
          nextAttemptAt: now,
          giveUpAt: new Date(now.getTime() + RETRY_WINDOW_MS),
          deliveredAt: null,
        })
        .where(eq(webhookDeliveries.id, id))
        .returning();
      return row;
    },
    /**
     * Claims up to `limit` due deliveries of enabled endpoints for one attempt each: the rows are
     * locked with SKIP LOCKED (another instance claiming at once takes other rows) and leave
     * with `next_attempt_at` pushed `leaseMs` ahead, so nobody else takes them while the attempt
     * runs; should this instance die meanwhile, they are due again after the lease.
     */
    async claimDue(now: Date, limit: number, leaseMs: number): Promise<DeliveryRow[]> {
      const due = db
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(
          and(
            eq(webhookDeliveries.status, 'pending'),
            lte(webhookDeliveries.nextAttemptAt, now),
            eq(webhookEndpoints.enabled, true),
          ),
        )
        .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
        .limit(limit)
        .for('update', { of: webhookDeliveries, skipLocked: true });
      const claimed = await db
        .update(webhookDeliveries)
        .set({
          nextAttemptAt: new Date(now.getTime() + leaseMs),
          attempts: sql`${webhookDeliveries.attempts} + 1`,
          lastAttemptAt: now,
        })
        .where(inArray(webhookDeliveries.id, due))
        .returning();
      return claimed.sort((a, b) => a.id - b.id);
    },
    /** Deletes delivered and failed rows created before `before`; returns how many. */
    async prune(before: Date): Promise<number> {
      const rows = await db
        .delete(webhookDeliveries)
        .where(
          and(ne(webhookDeliveries.status, 'pending'), lt(webhookDeliveries.createdAt, before)),
        )
        .returning({ id: webhookDeliveries.id });
      return rows.length;
    },
    /** Writes what an attempt came to. */
    async recordAttempt(id: number, record: AttemptRecord): Promise<void> {
      await db
        .update(webhookDeliveries)
        .set({
          status: record.status,
          lastStatusCode: record.statusCode,
          lastError: record.error,
          nextAttemptAt: record.nextAttemptAt,
          ...(record.status === 'delivered' && { deliveredAt: record.at }),
        })
        .where(eq(webhookDeliveries.id, id));
    },
  };
}
export type DeliveryRepository = ReturnType<typeof deliveryRepository>;
