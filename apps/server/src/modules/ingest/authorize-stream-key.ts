import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { ingestKeyIdOf, streamKeyHash } from '../../livekit/index.js';
import { ingestKeyRepository, isKeyId } from './ingest-repository.js';
import type { IngestKeyRow } from './ingest-repository.js';

const refused = (reason: 'ingest_key_invalid' | 'ingest_key_revoked' | 'ingest_key_expired') => {
  const messages = {
    ingest_key_invalid: 'send the stream key from the room as Authorization: Bearer <key>',
    ingest_key_revoked: 'this stream key was rotated or revoked: create a new one in the room',
    ingest_key_expired: 'this stream key has expired: create a new one in the room',
  };
  return new AppError('UNAUTHENTICATED', messages[reason], undefined, { reason });
};

/** Whether two hex SHA-256 digests are equal, in constant time. */
function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The WHIP gateway's check of the `Authorization` it got: a Bearer stream key whose SHA-256 is
 * the one stored for the key it names, not revoked, not expired (else 401 with the reason: a
 * rotated or revoked key is `ingest_key_revoked`). `opening` a stream also needs the session
 * live (409 `not_live` or `ended`). Returns the key, to pass on to LiveKit, and its row.
 */
export async function authorizeStreamKey(options: {
  db: Db;
  authorization: string | undefined;
  opening: boolean;
}): Promise<{ key: string; row: IngestKeyRow }> {
  const key = /^Bearer +(\S+)\s*$/i.exec(options.authorization ?? '')?.[1];
  const keyId = key === undefined ? undefined : ingestKeyIdOf(key);
  if (key === undefined || keyId === undefined || !isKeyId(keyId)) {
    throw refused('ingest_key_invalid');
  }
  const found = await ingestKeyRepository(options.db).withSession(keyId);
  if (!found || !sameHash(streamKeyHash(key), found.key.tokenHash)) {
    throw refused('ingest_key_invalid');
  }
  if (found.key.revokedAt) throw refused('ingest_key_revoked');
  if (found.key.expiresAt.getTime() <= Date.now()) throw refused('ingest_key_expired');
  if (options.opening && found.sessionStatus !== 'live') {
    const ended = found.sessionStatus === 'ended';
    throw new AppError(
      'CONFLICT',
      ended ? 'this session has ended' : 'this session is not live yet: start it first',
      undefined,
      { reason: ended ? 'ended' : 'not_live' },
    );
  }
  return { key, row: found.key };
}
