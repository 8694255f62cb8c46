import { sessionRoleSchema } from '@stagecast/contracts';
import { decodeJwt } from 'jose';
import { TrackSource } from 'livekit-server-sdk';
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

  it('keeps canPublish: false explicit in the signed token of a viewer', async () => {
    const jwt = await createJoinToken({
      keys,
      room: 'room-1',
      identity: 'user:42',
      name: 'Ada',
      role: 'viewer',
      ttlSeconds: 600,
    });
    const claims = decodeJwt(jwt) as { video: Record<string, unknown>; sub: string; name: string };
    expect(claims.sub).toBe('user:42');
    expect(claims.name).toBe('Ada');
    expect(claims.video.canPublish).toBe(false);
    expect(claims.video.roomAdmin).toBe(false);
    expect(claims.video.hidden).toBe(false);
    expect(claims.video.room).toBe('room-1');
  });

  it('expires after the configured lifetime', async () => {
    const jwt = await createJoinToken({
      keys,
      room: 'r',
      identity: 'guest:7',
      name: 'Guest',
      role: 'speaker',
      ttlSeconds: 600,
    });
    const claims = decodeJwt(jwt);
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(600);
    expect(claims.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(590);
  });
});
