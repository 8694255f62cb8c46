import { endSession } from './end-session.js';
import type { EndSessionOptions } from './end-session.js';

/**
 * Deletes the session with its participants and chat: it is ended first (its room closes), the
 * modules that keep data of their own (recordings) clear it, then the row goes.
 */
export async function deleteSession(options: EndSessionOptions): Promise<void> {
  const { ctx, sessions, session } = options;
  if (session.status !== 'ended') await endSession(options);
  await ctx.hooks?.sessionDeleting?.({ sessionId: session.sessionId });
  await sessions.delete(session.sessionId);
}
