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

/** True only for the session's current, unexpired invite. */
export function verifyInvite(session: SessionRow, secret: string | undefined): boolean {
  if (!secret || !session.inviteHash || !session.inviteExpiresAt) return false;
  if (session.inviteExpiresAt.getTime() <= Date.now()) return false;
  const given = Buffer.from(hashInvite(secret), 'hex');
  const stored = Buffer.from(session.inviteHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
