import { createHash } from 'node:crypto';
import { INGEST_KIND, ingestIdentity } from '@stagecast/contracts';
import { publishOnlyGrant } from './grants.js';
import type { LivekitKeys } from './keys.js';
import { signAccessToken } from './tokens.js';

/**
 * Streaming from OBS (issue 15) on LiveKit's own WHIP endpoint. livekit-server (v1.13.5,
 * `pkg/service/whipservice.go`) serves `POST /whip/v1` on its signal port behind the same API-key
 * middleware as `/rtc`: the `Authorization: Bearer` token is an ordinary access token, and the
 * participant it creates takes the token's identity, name, room and grants (its audio and video
 * become microphone and camera tracks). So the stream key is such a token, publish-only.
 */

/** The name others see for an OBS stream. */
export const INGEST_NAME = 'OBS';

/**
 * LiveKit's WHIP endpoint behind the signal URL clients get (`ws(s)://host[/path]`): the same
 * origin over http(s), `/whip/v1` below the same path (deploy/Caddyfile sends `/whip*` to
 * LiveKit, as it does `/rtc*`).
 */
export function whipUrl(clientUrl: string): string {
  const url = new URL(clientUrl);
  url.protocol = url.protocol === 'wss:' || url.protocol === 'https:' ? 'https:' : 'http:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/whip/v1`;
  url.search = '';
  url.hash = '';
  return url.toString();
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
  return { token, hash: createHash('sha256').update(token).digest('hex') };
}
