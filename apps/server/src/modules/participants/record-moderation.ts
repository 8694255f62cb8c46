import type { AuditAction } from '@stagecast/contracts';
import { auditBy, auditTarget, recordAudit } from '../audit/record-audit.js';
import type { TargetOptions } from './find-target.js';
import type { ParticipantRow } from './participant-repository.js';

/** The last step of a moderation use case: the caller's action on `row`, in the audit log. */
export function recordModeration(
  options: TargetOptions,
  row: ParticipantRow,
  action: AuditAction,
  details?: Record<string, unknown>,
): Promise<void> {
  return recordAudit({
    db: options.ctx.database.db,
    action,
    by: auditBy(options.access.principal, options.ip),
    sessionId: row.sessionId,
    target: auditTarget(row),
    details,
  });
}
