import { WHIP_PATH, ingestIdentity } from '@stagecast/contracts';
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

/** The app's WHIP gateway on its public origin (`PUBLIC_URL`), the URL OBS is given. */
export function whipUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${WHIP_PATH}`;
}
