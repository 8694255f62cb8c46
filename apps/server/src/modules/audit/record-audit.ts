import type { AuditAction } from '@stagecast/contracts';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { Principal } from '../auth/auth-tokens.js';
import { auditRepository } from './audit-repository.js';

/** Who acted: an account (or a guest co-host) and the name it had then. */
export interface AuditActor {
  id: string;
  name: string;
}

/**
 * Who asked for an action and from which address (`request.ip`, so `TRUST_PROXY` decides
 * whose): what a use case that records itself is given. `undefined` where the server acts on
 * its own (a recording that starts with the session, one stopped by the session's end), which
 * is not a moderation action and is not recorded.
 */
export interface AuditBy {
  actor: AuditActor;
  ip: string;
}

/** An account as the actor: its id and username. */
export function accountActor(user: { id: string; username: string }): AuditActor {
  return { id: user.id, name: user.username };
}

/** The actor of a signed-in caller (a guest co-host by its guest id and name). */
export function actorOf(principal: Principal): AuditActor {
  return principal.kind === 'user'
    ? accountActor(principal.user)
    : { id: principal.guestId, name: principal.displayName };
}

/** Who asked for an action: a signed-in caller, from their address. */
export function auditBy(principal: Principal, ip: string): AuditBy {
  return { actor: actorOf(principal), ip };
}

/** The participant a moderation action is aimed at, as the log names them. */
export function auditTarget(row: { userId: string; identity: string; displayName: string }) {
  return { userId: row.userId, identity: row.identity, name: row.displayName };
}

/**
 * Appends one entry to the audit log. The use cases call it themselves once their action has
 * happened, so every way to the action (the API, the admin page) is recorded. Account
 * disabling and enabling record `user_disable` / `user_enable` with the account as target.
 */
export async function recordAudit(options: {
  db: Db;
  action: AuditAction;
  by: AuditBy;
  sessionId?: string | undefined;
  target?: { userId?: string | null; identity?: string | null; name?: string | null };
  details?: Record<string, unknown>;
}): Promise<void> {
  const { by, target } = options;
  await auditRepository(options.db).insert({
    action: options.action,
    actorId: by.actor.id,
    actorName: by.actor.name,
    sessionId: options.sessionId ?? null,
    targetUserId: target?.userId ?? null,
    targetIdentity: target?.identity ?? null,
    targetName: target?.name ?? null,
    ip: by.ip,
    details: options.details ?? {},
  });
}

/**
 * The last step of a use case on a session (end, delete, start or stop a recording): records
 * the action when someone asked for it; what the server does on its own (`by` undefined) is
 * not a moderation action and is not recorded.
 */
export async function auditSessionAction(
  ctx: AppContext,
  by: AuditBy | undefined,
  entry: { action: AuditAction; sessionId: string; details: Record<string, unknown> },
): Promise<void> {
  if (by) await recordAudit({ db: ctx.database.db, by, ...entry });
}
