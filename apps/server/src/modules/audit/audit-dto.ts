import type { AuditAction, AuditEntry } from '@stagecast/contracts';
import type { AuditRow } from './audit-repository.js';

/** The API's view of an audit log row. */
export function toAuditEntryDto(row: AuditRow): AuditEntry {
  const hasTarget = row.targetUserId !== null || row.targetIdentity !== null;
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action as AuditAction,
    actor: { id: row.actorId, name: row.actorName },
    session_id: row.sessionId,
    target: hasTarget
      ? { user_id: row.targetUserId, identity: row.targetIdentity, name: row.targetName }
      : null,
    ip: row.ip,
    details: row.details,
  };
}
