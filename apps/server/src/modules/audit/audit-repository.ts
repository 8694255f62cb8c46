import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export interface AuditFilter {
  sessionId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  /** Entries older than this id. */
  before?: number | undefined;
  limit: number;
}

/** The audit log's table: insert and read, nothing else (append-only). */
export function auditRepository(db: Db) {
  return {
    async insert(row: NewAuditRow): Promise<void> {
      await db.insert(auditLog).values(row);
    },
    /** One page, newest first; ids only grow, so `before` pages back without gaps or repeats. */
    async page(filter: AuditFilter): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
      const rows = await db
        .select()
        .from(auditLog)
        .where(
          and(
            filter.sessionId === undefined ? undefined : eq(auditLog.sessionId, filter.sessionId),
            filter.actorId === undefined ? undefined : eq(auditLog.actorId, filter.actorId),
            filter.action === undefined ? undefined : eq(auditLog.action, filter.action),
            filter.before === undefined ? undefined : lt(auditLog.id, filter.before),
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(filter.limit + 1);
      return { rows: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
    },
  };
}
