import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { createIngestToken, ingestKeyIdOf, streamKeyHash } from './ingest.js';

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

  it('names its key id, which the gateway reads back; anything else names none', () => {
    const { token, hash } = createIngestToken({ keys, room: 'r1', keyId: 'k-7', ttlSeconds: 600 });
    expect(ingestKeyIdOf(token)).toBe('k-7');
    expect(streamKeyHash(token)).toBe(hash);
    const [header, , signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ sub: 'user:1' })).toString('base64url');
    for (const bad of ['', 'not a jwt', 'a.b.c', `${header}.${other}.${signature}`]) {
      expect(ingestKeyIdOf(bad), bad).toBeUndefined();
    }
  });
});
