import { randomUUID } from 'node:crypto';
import type { JoinResponse, SessionRole } from '@stagecast/contracts';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { createJoinToken, grantForRole, orLivekitUnavailable } from '../../livekit/index.js';
import { displayNameOf, subjectId } from '../auth/authenticator.js';
import type { SessionAccess } from './access.js';
import { verifyInvite } from './invite.js';
import type { SessionRepository } from './session-repository.js';

/**
 * The join rules of SPEC §3, in order: ended → 409; guests per ALLOW_GUESTS; banned → 403;
 * private without a role or a valid invite → 403; a scheduled session only for its host → 409;
 * full → 409 (the host always fits). Then the participant row, the one-room-per-identity
 * clean-up, and a short-lived token whose grants follow the role.
 */
export async function joinSession(
  ctx: AppContext,
  repo: SessionRepository,
  access: SessionAccess,
  input: { displayName?: string | undefined; inviteToken?: string | undefined },
): Promise<JoinResponse> {
  const { principal, identity } = access;
  if (!principal || !identity)
    throw new AppError('UNAUTHENTICATED', 'sign in or enter as a guest first');
  const session = access.view.session;
  const when = { status: session.status, scheduled_at: session.scheduledAt?.toISOString() ?? null };
  if (session.status === 'ended') throw new AppError('CONFLICT', 'this session has ended', when);
  if (principal.kind === 'guest' && !ctx.config.allowGuests) {
    throw new AppError('FORBIDDEN', 'guests are not allowed here');
  }
  if (access.banned)
    throw new AppError('FORBIDDEN', 'you were removed from this session', { reason: 'banned' });
  const privileged = access.isOwner || access.isAdmin;
  if (!session.isPublic && !privileged && !access.participant) {
    if (!verifyInvite(session, input.inviteToken)) {
      throw new AppError('FORBIDDEN', 'this session is private: a valid invite is needed', {
        reason: 'invite',
      });
    }
  }
  const role: SessionRole = privileged
    ? 'host'
    : (access.participant?.role ?? (session.sessionType === 'meeting' ? 'speaker' : 'viewer'));
  if (session.status !== 'live' && role !== 'host') {
    throw new AppError('CONFLICT', 'this session is not live yet', when);
  }
  if (session.maxParticipants > 0 && role !== 'host') {
    const others = await repo.connectedCount(session.sessionId, identity);
    if (others >= session.maxParticipants) {
      throw new AppError('CONFLICT', 'this session is full', { ...when, reason: 'full' });
    }
  }

  const displayName = input.displayName ?? displayNameOf(principal);
  const known = access.participant;
  // A rejoin with the same name and role (a reconnect) changes nothing: no write.
  if (!known || known.displayName !== displayName || known.role !== role) {
    await repo.upsertParticipant({
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
    await repo.updateParticipant(other, identity, {
      connected: false,
      leftAt: new Date(),
      livekitSid: null,
    });
  }

  // The host may enter a scheduled session to prepare: its room is made for them (by the API,
  // as every room is), while everyone else still waits for the start.
  if (session.status === 'scheduled') {
    await ctx.livekit.rooms
      .create(session.sessionId, JSON.stringify({ title: session.title }))
      .catch(orLivekitUnavailable);
  }

  const accessToken = createJoinToken({
    keys: ctx.livekit.keys,
    room: session.sessionId,
    identity,
    name: displayName,
    role,
    ttlSeconds: ctx.config.tokenTtlSeconds,
  });
  const grant = grantForRole(role, session.sessionId);
  return {
    session_id: session.sessionId,
    access_token: accessToken,
    server_url: ctx.livekit.clientUrl,
    identity,
    role,
    can_publish: grant.canPublish!,
    can_subscribe: grant.canSubscribe!,
    message: `joined as ${role}`,
  };
}
