import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { grantForRole } from '../grants.js';
import { createRecorderToken, recorderIdentity } from './recorder-token.js';

const keys = { apiKey: 'APIkey', apiSecret: 'a-secret-of-at-least-thirty-two-characters' };

describe('the recorder token', () => {
  it('joins one room hidden, as a recorder that subscribes and publishes nothing', async () => {
    const token = createRecorderToken({ keys, room: 'r1', recordingId: 'x', ttlSeconds: 60 });
    const claims = decodeJwt(token) as { sub: string; video: Record<string, unknown> };
    expect(claims.sub).toBe(recorderIdentity('x'));
    expect(claims.video).toMatchObject({
      room: 'r1',
      roomJoin: true,
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
      canPublishSources: [],
      hidden: true,
      recorder: true,
      roomAdmin: false,
      roomRecord: false,
      roomCreate: false,
    });
  });

  it('grants nothing of the kind to clients, whatever their role', () => {
    for (const role of ['host', 'co_host', 'speaker', 'viewer'] as const) {
      expect(grantForRole(role, 'r1')).toMatchObject({ hidden: false, recorder: false });
    }
  });
});
