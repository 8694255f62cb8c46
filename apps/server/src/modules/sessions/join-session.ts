import { randomUUID } from 'node:crypto';
import type { JoinResponse, JoinWaitingResponse, SessionRole } from '@stagecast/contracts';
import { AppError } from '../../errors.js';
import { createJoinToken, grantForRole, orLivekitUnavailable } from '../../livekit/index.js';
import { displayNameOf, subjectId } from '../auth/authenticator.js';
import { passLobby } from '../lobby/pass-lobby.js';
import type { ParticipantRepository } from '../participants/participant-repository.js';
import { assertSignedIn, inviteRefusal } from './access.js';
import type { CallerOptions, SessionAccess, SignedInAccess } from './access.js';
import type { SessionRow } from './session-repository.js';

/** What a 409 of the join says of the session's state: its `status` and `scheduled_at`. */
function stateOf(session: SessionRow) {
  return { status: session.status, scheduled_at: session.scheduledAt?.toISOString() ?? null };
}

/**
 * The join rules of SPEC §3, in order: ended → 409; guests per ALLOW_GUESTS; banned → 403;
 * private without a role or a valid invite → 403; a scheduled session only for its host → 409;
 * full → 409 (the host always fits). Each refusal carries its `reason`; `details` keep what the
 * API always sent.
 */
function admit(
  options: CallerOptions<SignedInAccess> & { inviteToken: string | undefined },
): SessionRole {
  const { ctx, access } = options;
  const session = access.view.session;
  const when = stateOf(session);
  if (session.status === 'ended') {
    throw new AppError('CONFLICT', 'this session has ended', when, { reason: 'ended' });
  }
  if (access.principal.kind === 'guest' && !ctx.config.allowGuests) {
    throw new AppError('FORBIDDEN', 'guests are not allowed here', undefined, {
      reason: 'guests_disabled',
    });
  }
  if (access.banned) {
    throw new AppError(
      'FORBIDDEN',
      'you were removed from this session',
      { reason: 'banned' },
      { reason: 'banned' },
    );
  }
  const refusal = inviteRefusal(access, options.inviteToken);
  if (refusal) {
    throw new AppError(
      'FORBIDDEN',
      'this session is private: a valid invite is needed',
      { reason: 'invite' },
      { reason: refusal },
    );
  }
  const role: SessionRole =
    access.isOwner || access.isAdmin
      ? 'host'
      : (access.participant?.role ?? (session.sessionType === 'meeting' ? 'speaker' : 'viewer'));
  if (session.status !== 'live' && role !== 'host') {
    throw new AppError('CONFLICT', 'this session is not live yet', when, { reason: 'not_live' });
  }
  return role;
}

/**
 * Admits the caller (see `admit`, then the waiting room when the session has one — a `202`
 * answer without a token — then the capacity check), records their participant row,
 * applies one room per identity, and signs a short-lived token whose grants follow the role.
 */
export async function joinSession(
  options: CallerOptions<SessionAccess> & {
    participants: ParticipantRepository;
    displayName: string | undefined;
    inviteToken: string | undefined;
  },
): Promise<JoinResponse | JoinWaitingResponse> {
  const { ctx, participants, access } = options;
  assertSignedIn(access, 'sign in or enter as a guest first');
  const { principal, identity } = access;
  const session = access.view.session;
  const role = admit({ ctx, access, inviteToken: options.inviteToken });
  const displayName = options.displayName ?? displayNameOf(principal);
  const waiting = await passLobby({ ctx, access, role, displayName });
  if (waiting) return waiting;
  if (session.maxParticipants > 0 && role !== 'host') {
    const others = await participants.connectedCount(session.sessionId, identity);
    if (others >= session.maxParticipants) {
      throw new AppError(
        'CONFLICT',
        'this session is full',
        { ...stateOf(session), reason: 'full' },
        { reason: 'full' },
      );
    }
  }

  const known = access.participant;
  // A rejoin with the same name and role (a reconnect) changes nothing: no write.
  if (!known || known.displayName !== displayName || known.role !== role) {
    await participants.upsertParticipant({
      id: randomUUID(),
      sessionId: session.sessionId,
      userId: subjectId(principal),
      identity,
      displayName,
      role,
    });
  }

  // One room per identity: leaving B for A takes the identity out of B.
  for (const other of access.elsewhere) {
    await ctx.livekit.rooms.remove(other, identity);
    await participants.markLeft(other, identity);
  }

  // The host may enter a scheduled session to prepare: its room is made for them (by the API,
  // as every room is), while everyone else still waits for the start.
  if (session.status === 'scheduled') {
    await ctx.livekit.rooms
      .create(session.sessionId, JSON.stringify({ title: session.title }))
      .catch(orLivekitUnavailable);
  }

  const grant = grantForRole(role, session.sessionId);
  return {
    session_id: session.sessionId,
    access_token: createJoinToken({
      keys: ctx.livekit.keys,
      room: session.sessionId,
      identity,
      name: displayName,
      role,
      ttlSeconds: ctx.config.tokenTtlSeconds,
    }),
    server_url: ctx.livekit.clientUrl,
    identity,
    role,
    can_publish: grant.canPublish!,
    can_subscribe: grant.canSubscribe!,
    message: `joined as ${role}`,
  };
}
