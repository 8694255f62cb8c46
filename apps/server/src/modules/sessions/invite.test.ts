import { describe, expect, it } from 'vitest';
import { checkInvite, newInvite } from './invite.js';
import type { SessionRow } from './session-repository.js';

function sessionWith(invite: { hash: string; expiresAt: Date } | undefined): SessionRow {
  return {
    inviteHash: invite?.hash ?? null,
    inviteExpiresAt: invite?.expiresAt ?? null,
  } as SessionRow;
}

describe('checkInvite', () => {
  it('accepts the current invite before its time', () => {
    const invite = newInvite(60);
    expect(checkInvite(sessionWith(invite), invite.secret)).toBe('valid');
  });

  it('calls the current invite past its time expired', () => {
    const invite = newInvite(60);
    const session = sessionWith({ ...invite, expiresAt: new Date(Date.now() - 1_000) });
    expect(checkInvite(session, invite.secret)).toBe('expired');
  });

  it('calls no invite, a forged one and a rotated one invalid, whatever the current one', () => {
    const current = newInvite(60);
    const rotatedAway = newInvite(60);
    const session = sessionWith(current);
    expect(checkInvite(session, undefined)).toBe('invalid');
    expect(checkInvite(session, `${current.secret}x`)).toBe('invalid');
    expect(checkInvite(session, rotatedAway.secret)).toBe('invalid');
    expect(checkInvite(sessionWith(undefined), current.secret)).toBe('invalid');
    const expired = sessionWith({ ...current, expiresAt: new Date(Date.now() - 1_000) });
    expect(checkInvite(expired, rotatedAway.secret)).toBe('invalid');
  });
});
