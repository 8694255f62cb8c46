import type { AppContext } from '../../context.js';
import { newInvite } from './invite.js';
import type { SessionRepository } from './session-repository.js';

/** A fresh invite for the session; the previous one stops working at once. */
export async function rotateInvite(options: {
  ctx: AppContext;
  sessions: SessionRepository;
  sessionId: string;
}): Promise<{ secret: string; expiresAt: Date }> {
  const invite = newInvite(options.ctx.config.inviteTtlSeconds);
  await options.sessions.update(options.sessionId, {
    inviteHash: invite.hash,
    inviteExpiresAt: invite.expiresAt,
  });
  return { secret: invite.secret, expiresAt: invite.expiresAt };
}
