import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { createIngestToken, whipUrl } from './ingest.js';

const keys = { apiKey: 'APIkey', apiSecret: 'a-secret-of-at-least-thirty-two-characters' };

describe('the OBS stream key', () => {
  it('publishes camera and microphone only, as ingest:<key id>, for the TTL given', () => {
    const before = Math.floor(Date.now() / 1000);
    const { token, hash } = createIngestToken({ keys, room: 'r1', keyId: 'k1', ttlSeconds: 3600 });
    const claims = decodeJwt(token) as {
      sub: string;
      name: string;
      exp: number;
      attributes: Record<string, string>;
      video: Record<string, unknown>;
    };
    expect(claims.sub).toBe('ingest:k1');
    expect(claims.name).toBe('OBS');
    expect(claims.attributes).toEqual({ role: 'speaker', kind: 'ingest' });
    expect(claims.exp - before).toBeGreaterThanOrEqual(3600);
    expect(claims.exp - before).toBeLessThanOrEqual(3601);
    expect(claims.video).toMatchObject({
      room: 'r1',
      roomJoin: true,
      canPublish: true,
      canPublishSources: ['camera', 'microphone'],
      canSubscribe: false,
      canPublishData: false,
      canUpdateOwnMetadata: false,
      hidden: false,
      roomAdmin: false,
    });
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('finds LiveKit WHIP endpoint at the origin and path of the signal URL', () => {
    expect(whipUrl('ws://127.0.0.1:7880')).toBe('http://127.0.0.1:7880/whip/v1');
    expect(whipUrl('wss://live.example.org')).toBe('https://live.example.org/whip/v1');
    expect(whipUrl('wss://example.org/livekit/')).toBe('https://example.org/livekit/whip/v1');
    expect(whipUrl('https://example.org')).toBe('https://example.org/whip/v1');
  });
});
