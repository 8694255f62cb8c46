import { auditSessionAction } from '../audit/record-audit.js';
import { endSession } from './end-session.js';
import type { EndSessionOptions } from './end-session.js';

/**
 * Deletes the session with its participants and chat: it is ended first (its room closes), the
 * modules that keep data of their own (recordings) clear it, then the row goes.
 */
export async function deleteSession(options: EndSessionOptions): Promise<void> {
  const { ctx, sessions, session, by } = options;
  if (session.status !== 'ended') await endSession(options);
  await ctx.hooks?.sessionDeleting?.({ sessionId: session.sessionId });
  await sessions.delete(session.sessionId);
  // The session's row is gone: the entry keeps what it was.
  await auditSessionAction(ctx, by, {
    action: 'session_delete',
    sessionId: session.sessionId,
    details: { title: session.title, status: session.status, owner_id: session.ownerId },
  });
}
