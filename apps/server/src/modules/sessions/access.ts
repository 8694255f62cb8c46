import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { Principal } from '../auth/auth-tokens.js';
import { identityOf } from '../auth/authenticator.js';
import type { Authenticator } from '../auth/authenticator.js';
import { verifyInvite } from './invite.js';
import type { ParticipantRow, SessionRepository, SessionView } from './session-repository.js';

/** What the caller may do in one session. */
export interface SessionAccess {
  view: SessionView;
  principal: Principal | undefined;
  identity: string | undefined;
  isOwner: boolean;
  isAdmin: boolean;
  /** The caller's row there, unless banned. */
  participant: ParticipantRow | undefined;
  banned: boolean;
  /** Host, co-host or admin: may change roles, kick, mute, delete chat. */
  canModerate: boolean;
  /** Other sessions the caller's identity is connected to now. */
  elsewhere: string[];
}

export async function loadAccess(
  repo: SessionRepository,
  auth: Authenticator,
  request: FastifyRequest,
  sessionId: string,
): Promise<SessionAccess> {
  const principal = await auth.principal(request);
  const identity = principal ? identityOf(principal) : undefined;
  const found = await repo.accessView(sessionId, identity);
  if (!found) throw new AppError('NOT_FOUND', 'no such session');
  const { participant: row, elsewhere, ...view } = found;
  const isOwner = principal?.kind === 'user' && principal.user.id === view.session.ownerId;
  const isAdmin = principal?.kind === 'user' && principal.user.role === 'admin';
  const banned = Boolean(row?.bannedAt);
  const participant = banned || !row ? undefined : row;
  return {
    view,
    principal,
    identity,
    isOwner,
    isAdmin,
    participant: participant ?? undefined,
    banned,
    elsewhere,
    canModerate: isOwner || isAdmin || participant?.role === 'co_host',
  };
}

/** Public sessions are open to all; private ones to the owner, admins, invitees and participants. */
export function requireRead(access: SessionAccess, inviteToken?: string): void {
  if (access.view.session.isPublic || access.isOwner || access.isAdmin || access.participant)
    return;
  if (verifyInvite(access.view.session, inviteToken)) return;
  throw new AppError('FORBIDDEN', 'this session is private: an invite is needed');
}

export function requireOwner(access: SessionAccess): void {
  if (!access.principal)
    throw new AppError('UNAUTHENTICATED', 'sign in first: missing or invalid token');
  if (!access.isOwner && !access.isAdmin) {
    throw new AppError('FORBIDDEN', 'only the owner or an admin can do this');
  }
}

export function requireModerator(access: SessionAccess): void {
  if (!access.principal)
    throw new AppError('UNAUTHENTICATED', 'sign in first: missing or invalid token');
  if (!access.canModerate)
    throw new AppError('FORBIDDEN', 'only the host, a co-host or an admin can do this');
}
