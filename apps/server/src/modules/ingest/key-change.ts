import type { AuditAction } from '@stagecast/contracts';
import { auditBy, recordAudit } from '../audit/record-audit.js';
import type { CallerOptions, OwnerAccess } from '../sessions/access.js';
import type { IngestKeyRow } from './ingest-repository.js';
import { removeIngestStreams } from './stale-ingest.js';

/**
 * The last steps of a change of the session's stream key (created, rotated or revoked): the
 * streams of the keys it revoked, if connected, are removed now, and the change is recorded in
 * the audit log as `action` with its `details`.
 */
export async function finishKeyChange(
  options: CallerOptions<OwnerAccess> & {
    ip: string;
    revoked: IngestKeyRow[];
    action: Extract<AuditAction, `ingest_key_${string}`>;
    details: Record<string, unknown>;
  },
): Promise<void> {
  const { ctx, access } = options;
  const sessionId = access.view.session.sessionId;
  await removeIngestStreams(ctx, sessionId, options.revoked);
  await recordAudit({
    db: ctx.database.db,
    action: options.action,
    by: auditBy(access.principal, options.ip),
    sessionId,
    details: options.details,
  });
}
