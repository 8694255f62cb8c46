import { INGEST_IDENTITY_PREFIX, ingestIdentity, isIngestIdentity } from '@stagecast/contracts';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { ingestKeyRepository, isKeyId } from './ingest-repository.js';
import type { IngestKeyRow } from './ingest-repository.js';

/**
 * Whether `identity` is an OBS stream whose key is not the session's active one (rotated,
 * revoked, or never ours): such a connection is removed on sight, as a banned identity is. The
 * webhook of its join and every reconcile pass ask. The app's WHIP gateway refuses such a key
 * before LiveKit sees it, but LiveKit cannot revoke a token: sent to LiveKit's own port (or any
 * LiveKit client), it may still get in, and this removes it as soon as LiveKit reports the join.
 */
export async function isStaleIngest(db: Db, sessionId: string, identity: string): Promise<boolean> {
  if (!isIngestIdentity(identity)) return false;
  const keyId = identity.slice(INGEST_IDENTITY_PREFIX.length);
  if (!isKeyId(keyId)) return true;
  return !(await ingestKeyRepository(db).isActive(sessionId, keyId));
}

/**
 * Removes the streams of keys just revoked from the session's room. A LiveKit that does not
 * answer now is left to the reconcile pass, which removes any stale stream it finds: the key is
 * revoked in the database either way.
 */
export async function removeIngestStreams(
  ctx: AppContext,
  sessionId: string,
  revoked: readonly IngestKeyRow[],
): Promise<void> {
  for (const row of revoked) {
    const identity = ingestIdentity(row.keyId);
    try {
      const removed = await ctx.livekit.rooms.remove(sessionId, identity);
      if (removed)
        ctx.logger.info({ session: sessionId, identity }, 'removed a revoked OBS stream');
    } catch (err) {
      ctx.logger.warn({ err, session: sessionId, identity }, 'OBS stream left to reconcile');
    }
  }
}
