import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findAll } from '../../db/find-all.js';
import { findOne } from '../../db/find-one.js';
import { webhookEndpoints } from '../../db/schema.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type NewEndpoint = typeof webhookEndpoints.$inferInsert;

/** The host site's webhook endpoints. */
export function endpointRepository(db: Db) {
  return {
    async list(): Promise<EndpointRow[]> {
      return findAll(db, webhookEndpoints, undefined, asc(webhookEndpoints.createdAt));
    },
    async find(id: string): Promise<EndpointRow | undefined> {
      return findOne(db, webhookEndpoints, eq(webhookEndpoints.id, id));
    },
    async insert(row: NewEndpoint): Promise<EndpointRow> {
      const [inserted] = await db.insert(webhookEndpoints).values(row).returning();
      return inserted!;
    },
    /** Undefined when it is gone. */
    async update(id: string, patch: Partial<NewEndpoint>): Promise<EndpointRow | undefined> {
      const [row] = await db
        .update(webhookEndpoints)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(webhookEndpoints.id, id))
        .returning();
      return row;
    },
    /** Deletes it with its deliveries; false when it was not there. */
    async delete(id: string): Promise<boolean> {
      const rows = await db
        .delete(webhookEndpoints)
        .where(eq(webhookEndpoints.id, id))
        .returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },
  };
}
export type EndpointRepository = ReturnType<typeof endpointRepository>;
