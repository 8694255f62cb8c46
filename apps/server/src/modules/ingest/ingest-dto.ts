import { ingestIdentity } from '@stagecast/contracts';
import type { IngestKey } from '@stagecast/contracts';
import type { IngestKeyRow } from './ingest-repository.js';

/** A stream key's metadata as the API shows it (never the key itself). */
export function toIngestKey(row: IngestKeyRow): IngestKey {
  return {
    key_id: row.keyId,
    identity: ingestIdentity(row.keyId),
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
  };
}
