import type { AuditEntry } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { toAuditEntryDto } from '../audit/audit-dto.js';
import { auditRepository } from '../audit/audit-repository.js';
import type { AuditFilter } from '../audit/audit-repository.js';

/** One page of the audit log, newest first, with the cursor of the next (older) page. */
export async function listAuditLog(
  options: { db: Db } & AuditFilter,
): Promise<{ entries: AuditEntry[]; has_more: boolean; next_before: number | null }> {
  const { db, ...filter } = options;
  const { rows, hasMore } = await auditRepository(db).page(filter);
  const last = rows[rows.length - 1];
  return {
    entries: rows.map(toAuditEntryDto),
    has_more: hasMore,
    next_before: hasMore && last ? last.id : null,
  };
}
