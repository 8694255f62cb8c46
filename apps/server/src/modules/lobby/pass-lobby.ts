import { LOBBY_DENY_COOLDOWN_SECONDS } from '@stagecast/contracts';
import type { JoinWaitingResponse, SessionRole } from '@stagecast/contracts';
import { AppError } from '../../errors.js';
import { subjectId } from '../auth/authenticator.js';
import type { CallerOptions, SignedInAccess } from '../sessions/access.js';
import { LOBBY_FRESH_MS } from './lobby-repository.js';

/** When a denied knock may come again. */
export const retryAtOf = (decidedAt: Date) =>
  new Date(decidedAt.getTime() + LOBBY_DENY_COOLDOWN_SECONDS * 1000);

/**
 * The waiting room's step of the join (issue 15), after the join rules admitted the caller:
 * undefined lets the join go on (no waiting room, a host or co-host, someone already admitted
 * or holding a row there); otherwise the caller knocks and gets the `202` answer, or a
 * FORBIDDEN `lobby_denied` within 10 minutes of being turned away.
 */
export async function passLobby(
  options: CallerOptions<SignedInAccess> & { role: SessionRole; displayName: string },
): Promise<JoinWaitingResponse | undefined> {
  const { ctx, access, role } = options;
  const session = access.view.session;
  if (!session.waitingRoom || !ctx.lobby) return undefined;
  // Admitted once, a participant keeps their row, and with it their way in, for the session.
  if (access.isOwner || access.isAdmin || access.participant) return undefined;
  if (role === 'host' || role === 'co_host') return undefined;
  const { repo } = ctx.lobby;
  const known = await repo.find(session.sessionId, access.identity);
  if (known?.status === 'admitted') return undefined;
  if (known?.status === 'denied' && known.decidedAt) {
    const retryAt = retryAtOf(known.decidedAt);
    const seconds = Math.ceil((retryAt.getTime() - Date.now()) / 1000);
    if (seconds > 0) {
      throw new AppError(
        'FORBIDDEN',
        'a host turned you away: you may knock again later',
        { retry_at: retryAt.toISOString(), retry_after_seconds: seconds },
        { reason: 'lobby_denied' },
      );
    }
  }
  // Knocking again while waiting (a reload, a lost stream) is not news: no second chime.
  const already =
    known?.status === 'waiting' && known.seenAt.getTime() > Date.now() - LOBBY_FRESH_MS;
  await repo.knock({
    sessionId: session.sessionId,
    identity: access.identity,
    userId: subjectId(access.principal),
    displayName: options.displayName,
  });
  await ctx.lobby.notifyModerators(session.sessionId, already ? undefined : options.displayName);
  return {
    status: 'waiting',
    session_id: session.sessionId,
    wait_url: `/api/v1/live/sessions/${session.sessionId}/lobby/wait`,
    message: 'waiting for a host to let you in',
  };
}
