import { randomUUID } from 'node:crypto';
import type { CreateSessionBody } from '@stagecast/contracts';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/transaction.js';
import { createJoinToken } from '../../livekit/index.js';
import type { UserRow } from '../auth/user-repository.js';
import type { ParticipantRepository } from '../participants/participant-repository.js';
import { emitWebhookEvent } from '../webhooks-out/emit-event.js';
import { newInvite } from './invite.js';
import { toSessionDto } from './session-dto.js';
import { sessionRepository } from './session-repository.js';
import type { SessionRepository, SessionRow } from './session-repository.js';
import { startSession } from './start-session.js';

/** A new session, the owner's host token, and the invite secret of a private one (shown once). */
export interface CreatedSession {
  session: SessionRow;
  invite: { secret: string; expiresAt: Date } | undefined;
  hostToken: string;
}

/**
 * Creates a session owned by `owner` (private ones get an invite), starts it at once when asked,
 * and gives the owner their host row and a host token.
 */
export async function createSession(options: {
  ctx: AppContext;
  sessions: SessionRepository;
  participants: ParticipantRepository;
  owner: UserRow;
  input: CreateSessionBody;
}): Promise<CreatedSession> {
  const { ctx, sessions, participants, owner, input } = options;
  const invite = input.is_public ? undefined : newInvite(ctx.config.inviteTtlSeconds);
  let session = await inTransaction(ctx.database.db, async (tx) => {
    const created = await sessionRepository(tx, ctx.accessCache).create({
      sessionId: randomUUID(),
      ownerId: owner.id,
      title: input.title,
      description: input.description,
      sessionType: input.session_type,
      maxParticipants: input.max_participants,
      isPublic: input.is_public,
      isRecorded: input.is_recorded,
      waitingRoom: input.waiting_room,
      scheduledAt: input.scheduled_at ? new Date(input.scheduled_at) : null,
      inviteHash: invite?.hash ?? null,
      inviteExpiresAt: invite?.expiresAt ?? null,
    });
    // One that goes live at once announces itself with `session.started` only.
    if (!input.start_now) {
      await emitWebhookEvent(tx, 'session.scheduled', () =>
        toSessionDto({ session: created, hostName: owner.username, participantCount: 0 }),
      );
    }
    return created;
  });
  if (input.start_now) session = await startSession({ ctx, sessions, session });
  const identity = `user:${owner.id}`;
  const hostToken = createJoinToken({
    keys: ctx.livekit.keys,
    room: session.sessionId,
    identity,
    name: owner.username,
    role: 'host',
    ttlSeconds: ctx.config.tokenTtlSeconds,
  });
  // The owner joins with this token too, so they hold their host row from the start.
  await participants.upsertParticipant({
    id: randomUUID(),
    sessionId: session.sessionId,
    userId: owner.id,
    identity,
    displayName: owner.username,
    role: 'host',
  });
  return { session, invite, hostToken };
}
