import { randomUUID } from 'node:crypto';
import type { IngestKeyCreated } from '@stagecast/contracts';
import { createIngestToken } from '../../livekit/index.js';
import type { CallerOptions, OwnerAccess } from '../sessions/access.js';
import { assertNotEnded } from '../sessions/assert-not-ended.js';
import { toIngestKey, whipUrl } from './ingest-dto.js';
import { ingestKeyRepository } from './ingest-repository.js';
import { finishKeyChange } from './key-change.js';

/**
 * A new stream key for the session (creates or rotates): the previous key is revoked in the same
 * write and its stream, if connected, removed. The key is in this answer only; the database
 * keeps its hash, and nothing logs it.
 */
export async function createIngestKey(
  options: CallerOptions<OwnerAccess> & { ttlSeconds: number; ip: string },
): Promise<IngestKeyCreated> {
  const { ctx, access, ttlSeconds } = options;
  const session = access.view.session;
  assertNotEnded(access);
  const sessionId = session.sessionId;
  const keyId = randomUUID();
  const { token, hash } = createIngestToken({
    keys: ctx.livekit.keys,
    room: sessionId,
    keyId,
    ttlSeconds,
  });
  const { key, revoked } = await ingestKeyRepository(ctx.database.db).replace({
    keyId,
    sessionId,
    tokenHash: hash,
    createdBy: access.principal.kind === 'user' ? access.principal.user.id : access.identity,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
  await finishKeyChange({
    ...options,
    revoked,
    action: 'ingest_key_create',
    details: {
      key_id: keyId,
      ttl_seconds: ttlSeconds,
      rotated: revoked.map((row) => row.keyId),
    },
  });
  return { whip_url: whipUrl(ctx.config.publicUrl), key: toIngestKey(key), stream_key: token };
}
