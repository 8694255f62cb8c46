import type { ErrorReason } from '@stagecast/contracts';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../auth/auth-tokens.js';
import { identityOf } from '../auth/authenticator.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { ParticipantRow } from '../participants/participant-repository.js';
import { checkInvite } from './invite.js';
import type { SessionRepository, SessionView } from './session-repository.js';

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

/** A caller with an account or a guest token. */
export interface SignedInAccess extends SessionAccess {
  principal: Principal;
  identity: string;
}

/** The owner of the session or an admin. */
export type OwnerAccess = SignedInAccess;

/** The host, a co-host or an admin. */
export interface ModeratorAccess extends SignedInAccess {
  canModerate: true;
}

/** A caller who holds a (not banned) row in the session. */
export interface ParticipantAccess extends SignedInAccess {
  participant: ParticipantRow;
}

/** What a use case acting for the caller in one session is given, beside its own inputs. */
export interface CallerOptions<A extends SessionAccess> {
  ctx: AppContext;
  /** The caller's standing in the session, as the route's guard narrowed it. */
  access: A;
}

/** Loads the session and the caller's standing in it; NOT_FOUND when there is no such session. */
export async function loadAccess(options: {
  sessions: SessionRepository;
  auth: Authenticator;
  request: FastifyRequest;
  sessionId: string;
}): Promise<SessionAccess> {
  const principal = await options.auth.principal(options.request);
  const identity = principal ? identityOf(principal) : undefined;
  const found = await options.sessions.accessView(options.sessionId, identity);
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

/** Why a private session refuses a caller who has no role there, given the invite they hold. */
export function inviteRefusal(
  access: SessionAccess,
  inviteToken: string | undefined,
): ErrorReason | undefined {
  const session = access.view.session;
  if (session.isPublic || access.isOwner || access.isAdmin || access.participant) return undefined;
  const invite = checkInvite(session, inviteToken);
  if (invite === 'valid') return undefined;
  return invite === 'expired' ? 'invite_expired' : 'invite_required';
}

/** Public sessions are open to all; private ones to the owner, admins, invitees and participants. */
export function assertCanRead(access: SessionAccess, inviteToken?: string): void {
  const reason = inviteRefusal(access, inviteToken);
  if (reason) {
    throw new AppError('FORBIDDEN', 'this session is private: an invite is needed', undefined, {
      reason,
    });
  }
}

/** UNAUTHENTICATED unless the caller has a token (an account or a guest). */
export function assertSignedIn(
  access: SessionAccess,
  message = 'sign in first: missing or invalid token',
): asserts access is SignedInAccess {
  if (!access.principal || !access.identity) {
    throw new AppError('UNAUTHENTICATED', message, undefined, { reason: 'sign_in_required' });
  }
}

/** FORBIDDEN unless the caller owns the session or is an admin. */
export function assertOwner(access: SessionAccess): asserts access is OwnerAccess {
  assertSignedIn(access);
  if (!access.isOwner && !access.isAdmin) {
    throw new AppError('FORBIDDEN', 'only the owner or an admin can do this', undefined, {
      reason: 'not_owner',
    });
  }
}

/** FORBIDDEN unless the caller is the host, a co-host or an admin. */
export function assertModerator(access: SessionAccess): asserts access is ModeratorAccess {
  assertSignedIn(access);
  if (!access.canModerate) {
    throw new AppError('FORBIDDEN', 'only the host, a co-host or an admin can do this', undefined, {
      reason: 'not_moderator',
    });
  }
}
