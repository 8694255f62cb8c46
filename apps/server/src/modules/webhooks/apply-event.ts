import { isNull, or, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { liveParticipants, webhookEvents } from '../../db/schema.js';
import type { LivekitEvent } from '../../livekit/index.js';
import { recordAttendance } from '../attendance/record-attendance.js';
import { userRepository } from '../auth/user-repository.js';
import { isStaleIngest } from '../ingest/stale-ingest.js';
import { participantRepository } from '../participants/participant-repository.js';
import { sessionRepository } from '../sessions/session-repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applies one verified LiveKit webhook to the database, once per event id. Participant events
 * carry LiveKit's connection sid: a `participant_left` for an older sid than the one recorded
 * (an old connection closing after its reconnect joined) leaves the participant connected.
 */
export function webhookApplier(ctx: AppContext) {
  const db = ctx.database.db;

  return async function apply(event: LivekitEvent): Promise<'applied' | 'duplicate' | 'ignored'> {
    const room = event.room;
    if (!room || !UUID.test(room)) return 'ignored';
    const receivedAt = new Date();
    const removals: string[] = [];
    const outcome = await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      if (event.id) {
        const fresh = await t
          .insert(webhookEvents)
          .values({ id: event.id, event: event.event })
          .onConflictDoNothing()
          .returning({ id: webhookEvents.id });
        if (fresh.length === 0) return 'duplicate' as const;
      }
      const repo = participantRepository(t, ctx.accessCache);
      const sessions = sessionRepository(t, ctx.accessCache);
      const identity = event.participant?.identity;
      const sid = event.participant?.sid;
      switch (event.event) {
        case 'participant_joined': {
          if (!identity) return 'ignored' as const;
          // An OBS stream whose key was rotated or revoked (issue 15): out, as a ban is.
          if (await isStaleIngest(t, room, identity)) {
            removals.push(identity);
            return 'applied' as const;
          }
          const row = await repo.findParticipant(room, identity);
          if (!row) return 'ignored' as const;
          // This very connection is recorded already (the join catch-up got here first, see
          // catch-up.ts): nothing to write, so a storm's queued webhooks drain fast. Accounts
          // still go through the checks below (one may have been disabled since).
          const recorded = row.connected && sid !== undefined && row.livekitSid === sid;
          if (recorded && !row.bannedAt && !identity.startsWith('user:')) {
            return 'duplicate' as const;
          }
          const session = await sessions.findById(room);
          // A banned identity or a disabled account with a still-valid LiveKit token, or anyone
          // in an ended session: out.
          const account = identity.startsWith('user:')
            ? await userRepository(t).findById(row.userId)
            : undefined;
          if (row.bannedAt || account?.disabledAt || session?.status === 'ended') {
            removals.push(identity);
            return 'applied' as const;
          }
          await recordAttendance({ db: t, event, participant: row, receivedAt });
          // `participant.joined` only when this connects someone who was not (a reconnect's
          // new connection, arriving before the old one's leave, changes only the sid).
          await repo.setConnected(room, identity, true, {
            livekitSid: sid ?? null,
            joinedAt: new Date(),
            leftAt: null,
          });
          return 'applied' as const;
        }
        case 'participant_left': {
          if (!identity) return 'ignored' as const;
          const row = await repo.findParticipant(room, identity);
          // Every connection's own end counts for attendance, an old one's after a reconnect too.
          await recordAttendance({ db: t, event, participant: row, receivedAt });
          if (!row || (row.livekitSid && sid && row.livekitSid !== sid)) return 'ignored' as const;
          // Checked again in the write: a reconnect may have taken the row over meanwhile.
          const sameConnection = sid
            ? or(isNull(liveParticipants.livekitSid), eq(liveParticipants.livekitSid, sid))
            : undefined;
          await repo.setConnected(
            room,
            identity,
            false,
            { handRaised: false, leftAt: new Date(), livekitSid: null },
            sameConnection,
          );
          return 'applied' as const;
        }
        case 'room_finished':
          await recordAttendance({ db: t, event, participant: undefined, receivedAt });
          await repo.disconnectAll(room);
          return 'applied' as const;
        default:
          return 'ignored' as const;
      }
    });
    // The transaction has committed: views cached while it ran must not outlive it.
    ctx.accessCache?.sessionChanged(room);
    if (event.participant?.identity) ctx.accessCache?.identityChanged(event.participant.identity);
    for (const identity of removals) {
      await ctx.livekit.rooms.remove(room, identity);
      ctx.logger.info(
        { session: room, identity },
        'removed a banned, disabled, late or revoked (OBS) participant on join',
      );
    }
    return outcome;
  };
}
