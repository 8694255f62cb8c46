import type { Session, User } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import {
  canModerate,
  canPublish,
  canRaiseHand,
  canRunSession,
  moderationActions,
  parseRole,
  willPublishOnJoin,
} from './roles.js';

const target = (role: 'host' | 'co_host' | 'speaker' | 'viewer', identity = 'user:t') => ({
  role,
  identity,
});

describe('role permissions', () => {
  it('lets every role but the viewer publish', () => {
    expect(['host', 'co_host', 'speaker', 'viewer'].map((r) => canPublish(parseRole(r)!))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('gives moderation to hosts and co-hosts, the session itself to the host alone', () => {
    expect(canModerate('co_host')).toBe(true);
    expect(canModerate('speaker')).toBe(false);
    expect(canRunSession('host')).toBe(true);
    expect(canRunSession('co_host')).toBe(false);
  });

  it('lets the audience raise a hand', () => {
    expect(canRaiseHand('viewer')).toBe(true);
    expect(canRaiseHand('speaker')).toBe(true);
    expect(canRaiseHand('host')).toBe(false);
  });

  it('rejects roles it does not know', () => {
    expect(parseRole('admin')).toBeUndefined();
    expect(parseRole(undefined)).toBeUndefined();
  });
});

describe('moderationActions', () => {
  it('offers nothing on a stream from OBS: the host revokes its key instead', () => {
    const actions = moderationActions('host', target('speaker', 'ingest:k1'), 'user:h');
    expect(Object.values(actions).some(Boolean)).toBe(false);
  });

  it('lets the host promote a viewer, make a co-host, mute and kick', () => {
    expect(moderationActions('host', target('viewer'), 'user:h')).toEqual({
      promote: true,
      makeCoHost: true,
      demote: false,
      mute: false,
      kick: true,
    });
    expect(moderationActions('host', target('speaker'), 'user:h')).toEqual({
      promote: false,
      makeCoHost: true,
      demote: true,
      mute: true,
      kick: true,
    });
  });

  it('keeps co-hosts from making co-hosts, changing a co-host or touching the host', () => {
    expect(moderationActions('co_host', target('viewer'), 'user:c').makeCoHost).toBe(false);
    expect(moderationActions('co_host', target('co_host'), 'user:c')).toMatchObject({
      demote: false,
      kick: true,
    });
    expect(Object.values(moderationActions('co_host', target('host'), 'user:c'))).not.toContain(
      true,
    );
  });

  it('offers nothing on oneself, and nothing to speakers or viewers', () => {
    expect(
      Object.values(moderationActions('host', target('host', 'user:h'), 'user:h')),
    ).not.toContain(true);
    expect(Object.values(moderationActions('speaker', target('viewer'), 'user:s'))).not.toContain(
      true,
    );
  });
});

describe('willPublishOnJoin', () => {
  const base = { owner_id: 'owner', session_type: 'broadcast' } as Session;
  const user = (id: string, role: User['role'] = 'user'): User => ({
    id,
    email: null,
    username: id,
    role,
  });

  it('previews devices for the owner, admins and meeting speakers only', () => {
    expect(willPublishOnJoin(base, user('owner'))).toBe(true);
    expect(willPublishOnJoin(base, user('root', 'admin'))).toBe(true);
    expect(willPublishOnJoin({ ...base, session_type: 'meeting' }, user('guest', 'guest'))).toBe(
      true,
    );
  });

  it('never asks a broadcast viewer, or someone not signed in, for devices', () => {
    expect(willPublishOnJoin(base, user('someone'))).toBe(false);
    expect(willPublishOnJoin(base, null)).toBe(false);
  });
});
