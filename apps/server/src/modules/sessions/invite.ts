import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionRow } from './session-repository.js';

/** 192 random bits, shown once (in the link); only the SHA-256 is stored. */
export function newInvite(ttlSeconds: number): { secret: string; hash: string; expiresAt: Date } {
  const secret = randomBytes(24).toString('base64url');
  return { secret, hash: hashInvite(secret), expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
}

function hashInvite(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function inviteLink(publicUrl: string, sessionId: string, secret: string): string {
  return `${publicUrl}/live/${sessionId}?invite=${encodeURIComponent(secret)}`;
}

/**
 * How a given invite secret stands against the session's current invite: `valid` only for the
 * current, unexpired one; `expired` for the current one past its time; `invalid` for none, a
 * forged one or one that was rotated away (which says nothing about the current invite).
 */
export function checkInvite(
  session: SessionRow,
  secret: string | undefined,
): 'valid' | 'invalid' | 'expired' {
  if (!secret || !session.inviteHash || !session.inviteExpiresAt) return 'invalid';
  const given = Buffer.from(hashInvite(secret), 'hex');
  const stored = Buffer.from(session.inviteHash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return 'invalid';
  return session.inviteExpiresAt.getTime() <= Date.now() ? 'expired' : 'valid';
}
