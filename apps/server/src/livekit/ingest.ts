import { createHash } from 'node:crypto';
import {
  INGEST_IDENTITY_PREFIX,
  INGEST_KIND,
  ingestIdentity,
  isIngestIdentity,
} from '@stagecast/contracts';
import { decodeJwt } from 'jose';
import { publishOnlyGrant } from './grants.js';
import type { LivekitKeys } from './keys.js';
import { signAccessToken } from './tokens.js';

/**
 * Streaming from OBS (issue 15) through LiveKit's own WHIP endpoint. livekit-server (v1.13.5,
 * `pkg/service/whipservice.go`) serves `POST /whip/v1` on its signal port behind the same API-key
 * middleware as `/rtc`: the `Authorization: Bearer` token is an ordinary access token, and the
 * participant it creates takes the token's identity, name, room and grants (its audio and video
 * become microphone and camera tracks). So the stream key is such a token, publish-only; the
 * app's WHIP gateway (`modules/ingest/whip-routes.ts`) passes on only the active one.
 */

/** The name others see for an OBS stream. */
export const INGEST_NAME = 'OBS';

/**
 * The key id a stream key names (its subject `ingest:<key_id>`), read without checking the
 * signature: the caller then compares the key's hash with the one stored for that id. Undefined
 * for anything that is not a JWT with such a subject.
 */
export function ingestKeyIdOf(token: string): string | undefined {
  let subject: unknown;
  try {
    subject = decodeJwt(token).sub;
  } catch {
    return undefined;
  }
  if (typeof subject !== 'string' || !isIngestIdentity(subject)) return undefined;
  return subject.slice(INGEST_IDENTITY_PREFIX.length);
}

/**
 * The stream key: a publish-only token (camera and microphone; no subscribing, no data) for the
 * key's own identity, with the `speaker` role (the stage shows publishers) and the `ingest` kind
 * (the stage puts it in focus). `expires_at` bounds when it may connect, as for any token.
 */
export function createIngestToken(input: {
  keys: LivekitKeys;
  room: string;
  keyId: string;
  ttlSeconds: number;
}): { token: string; hash: string } {
  const token = signAccessToken(input.keys, {
    identity: ingestIdentity(input.keyId),
    name: INGEST_NAME,
    ttlSeconds: input.ttlSeconds,
    attributes: { role: 'speaker', kind: INGEST_KIND },
    video: publishOnlyGrant(input.room),
  });
  return { token, hash: streamKeyHash(token) };
}

/** What the database keeps of a stream key: its SHA-256, in hex. */
export function streamKeyHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
