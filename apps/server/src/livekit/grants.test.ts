import { sessionRoleSchema } from '@stagecast/contracts';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { AccessToken, TokenVerifier, TrackSource } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { grantForRole, permissionForRole } from './grants.js';
import { createJoinToken } from './tokens.js';

const FORBIDDEN_TO_CLIENTS = [
  'roomAdmin',
  'roomCreate',
  'roomList',
  'roomRecord',
  'hidden',
  'recorder',
  'ingressAdmin',
  'agent',
] as const;

const ALL_GRANT_FIELDS = [
  'room',
  'roomJoin',
  'canSubscribe',
  'canPublish',
  'canPublishSources',
  'canPublishData',
  'canUpdateOwnMetadata',
  'canSubscribeMetrics',
  'roomCreate',
  'roomList',
  'roomRecord',
  'roomAdmin',
  'ingressAdmin',
  'hidden',
  'recorder',
  'agent',
  'canManageAgentSession',
];

describe('grantForRole', () => {
  it.each([
    ['host', true],
    ['co_host', true],
    ['speaker', true],
    ['viewer', false],
  ] as const)('lets a %s publish: %s', (role, publish) => {
    const grant = grantForRole(role, 'room-1');
    expect(grant.canPublish).toBe(publish);
    expect(grant.canSubscribe).toBe(true);
    expect(grant.roomJoin).toBe(true);
    expect(grant.room).toBe('room-1');
    expect(grant.canPublishSources).toEqual(
      publish
        ? [
            TrackSource.CAMERA,
            TrackSource.MICROPHONE,
            TrackSource.SCREEN_SHARE,
            TrackSource.SCREEN_SHARE_AUDIO,
          ]
        : [],
    );
  });

  it('sets every grant field explicitly for every role', () => {
    for (const role of sessionRoleSchema.options) {
      const grant = grantForRole(role, 'r') as Record<string, unknown>;
      for (const field of ALL_GRANT_FIELDS) expect(grant[field], `${role}.${field}`).toBeDefined();
    }
  });

  it('never gives a client an admin, create, list, record, hidden or recorder grant', () => {
    for (const role of sessionRoleSchema.options) {
      const grant = grantForRole(role, 'r');
      for (const field of FORBIDDEN_TO_CLIENTS)
        expect(grant[field], `${role}.${field}`).toBe(false);
      expect(grant.canPublishData).toBe(false);
      expect(grant.canUpdateOwnMetadata).toBe(false);
    }
  });

  it('gives the permission update for a role change the same publish rights as a new token', () => {
    expect(permissionForRole('viewer').canPublish).toBe(false);
    expect(permissionForRole('speaker').canPublish).toBe(true);
    expect(permissionForRole('speaker').canPublishSources).toEqual(
      grantForRole('speaker', 'r').canPublishSources,
    );
  });
});

describe('createJoinToken', () => {
  const keys = { apiKey: 'APItest', apiSecret: 'x'.repeat(43) };
  /** A token that lasts 600 s, for `who` in a room. */
  const tokenFor = (who: Omit<Parameters<typeof createJoinToken>[0], 'keys' | 'ttlSeconds'>) =>
    createJoinToken({ keys, ttlSeconds: 600, ...who });

  it('keeps canPublish: false explicit in the signed token of a viewer', () => {
    const jwt = tokenFor({ room: 'room-1', identity: 'user:42', name: 'Ada', role: 'viewer' });
    const claims = decodeJwt(jwt) as { video: Record<string, unknown>; sub: string; name: string };
    expect(claims.sub).toBe('user:42');
    expect(claims.name).toBe('Ada');
    expect(claims.video.canPublish).toBe(false);
    expect(claims.video.roomAdmin).toBe(false);
    expect(claims.video.hidden).toBe(false);
    expect(claims.video.room).toBe('room-1');
  });

  it('expires after the configured lifetime', () => {
    const jwt = tokenFor({ room: 'r', identity: 'guest:7', name: 'Guest', role: 'speaker' });
    const claims = decodeJwt(jwt);
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(600);
    expect(claims.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(590);
  });

  it('is the token livekit-server-sdk would write, and its verifier accepts it', async () => {
    const input = {
      keys,
      room: 'room-9',
      identity: 'user:9',
      name: 'Grace 名前',
      role: 'speaker' as const,
      ttlSeconds: 300,
      metadata: '{"m":1}',
    };
    const ours = createJoinToken(input);
    const sdk = new AccessToken(keys.apiKey, keys.apiSecret, {
      identity: input.identity,
      name: input.name,
      ttl: input.ttlSeconds,
      metadata: input.metadata,
      attributes: { role: input.role },
    });
    sdk.addGrant(grantForRole(input.role, input.room));
    const theirs = await sdk.toJwt();
    // Same header and claims (the times may differ by the second the two were signed in).
    expect(decodeProtectedHeader(ours)).toEqual(decodeProtectedHeader(theirs));
    const { exp, nbf, ...claims } = decodeJwt(ours);
    const { exp: exp2, nbf: nbf2, ...theirClaims } = decodeJwt(theirs);
    expect(claims).toEqual(theirClaims);
    expect(Math.abs(exp! - exp2!)).toBeLessThanOrEqual(1);
    expect(exp! - nbf!).toBe(exp2! - nbf2!);
    // The SDK's verifier (jose, HS256 with the secret) accepts it; another secret does not.
    const verified = await new TokenVerifier(keys.apiKey, keys.apiSecret).verify(ours);
    expect(verified.sub).toBe('user:9');
    await expect(new TokenVerifier(keys.apiKey, 'y'.repeat(43)).verify(ours)).rejects.toThrow();
  });
});
