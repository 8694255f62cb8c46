import { AppError } from '../../errors.js';
import type { CallerOptions, OwnerAccess } from '../sessions/access.js';
import { ingestKeyRepository } from './ingest-repository.js';
import { finishKeyChange } from './key-change.js';

/**
 * Revokes the session's stream key: its stream, if connected, is removed now, and any later
 * connection with it is removed as soon as LiveKit reports the join (see `stale-ingest.ts`).
 * NOT_FOUND (`no_ingest_key`) when there is no active key.
 */
export async function revokeIngestKey(
  options: CallerOptions<OwnerAccess> & { ip: string },
): Promise<void> {
  const { ctx, access } = options;
  const sessionId = access.view.session.sessionId;
  const revoked = await ingestKeyRepository(ctx.database.db).revokeActive(sessionId);
  if (revoked.length === 0) {
    throw new AppError('NOT_FOUND', 'this session has no active stream key', undefined, {
      reason: 'no_ingest_key',
    });
  }
  await finishKeyChange({
    ...options,
    revoked,
    action: 'ingest_key_revoke',
    details: { key_id: revoked.map((row) => row.keyId) },
  });
}
