import {
  isIngestIdentity,
  sessionRoleSchema,
  type Session,
  type SessionRole,
  type User,
} from '@stagecast/contracts';

/** Reads a role from a LiveKit attribute or anything else untrusted. */
export function parseRole(value: unknown): SessionRole | undefined {
  const parsed = sessionRoleSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Host, co-host and speaker publish camera, microphone and screen; viewers only watch. */
export function canPublish(role: SessionRole): boolean {
  return role !== 'viewer';
}

/** Host and co-host change roles, mute, kick and delete chat. */
export function canModerate(role: SessionRole): boolean {
  return role === 'host' || role === 'co_host';
}

/** Only the host (the owner or an admin) starts and ends the session. */
export function canRunSession(role: SessionRole): boolean {
  return role === 'host';
}

/** Those who are not moderating ask to speak by raising a hand. */
export function canRaiseHand(role: SessionRole): boolean {
  return role === 'viewer' || role === 'speaker';
}

/** Order of the participants list and the stage: the host first, viewers last. */
export const ROLE_RANK: Record<SessionRole, number> = {
  host: 0,
  co_host: 1,
  speaker: 2,
  viewer: 3,
};

/**
 * Whether joining will publish, so the pre-join shows a device preview: the owner and admins
 * host, and a meeting makes everyone a speaker. Everyone else joins a broadcast as a viewer and
 * is never asked for a camera or microphone.
 */
export function willPublishOnJoin(session: Session, user: User | null | undefined): boolean {
  if (!user) return false;
  return (
    user.id === session.owner_id || user.role === 'admin' || session.session_type === 'meeting'
  );
}

/** What a moderator may do to one participant; mirrors the API's checks so no button fails. */
export interface ModerationActions {
  /** viewer → speaker */
  promote: boolean;
  /** → co_host; the host alone makes co-hosts */
  makeCoHost: boolean;
  /** speaker or co-host → viewer */
  demote: boolean;
  /** mute their microphone */
  mute: boolean;
  /** remove and bar from rejoining */
  kick: boolean;
}

const NONE: ModerationActions = {
  promote: false,
  makeCoHost: false,
  demote: false,
  mute: false,
  kick: false,
};

export function moderationActions(
  actor: SessionRole,
  target: { role: SessionRole; identity: string },
  selfIdentity: string,
): ModerationActions {
  if (!canModerate(actor) || target.identity === selfIdentity) return NONE;
  // A stream from OBS is no account: the host stops it by revoking its key (issue 15).
  if (isIngestIdentity(target.identity)) return NONE;
  const actorIsHost = actor === 'host';
  if (target.role === 'host') {
    // Another host-level person (the owner seen by an admin): muting is all that makes sense.
    return actorIsHost ? { ...NONE, mute: true } : NONE;
  }
  // Only the host changes a co-host's role.
  const mayChangeRole = actorIsHost || target.role !== 'co_host';
  return {
    promote: mayChangeRole && target.role === 'viewer',
    makeCoHost: actorIsHost && (target.role === 'viewer' || target.role === 'speaker'),
    demote: mayChangeRole && (target.role === 'speaker' || target.role === 'co_host'),
    mute: canPublish(target.role),
    kick: true,
  };
}
