import {
  handBodySchema,
  muteBodySchema,
  muteResponseSchema,
  participantParamsSchema,
  participantResponseSchema,
  participantsResponseSchema,
  sessionIdParamsSchema,
  updateParticipantBodySchema,
} from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { AppError, ERROR_RESPONSES } from '../../errors.js';
import { orLivekitUnavailable } from '../../livekit/index.js';
import type { Authenticator } from '../auth/authenticator.js';
import { loadAccess, requireModerator, requireRead } from '../sessions/access.js';
import type { SessionAccess } from '../sessions/access.js';
import { toParticipantDto } from '../sessions/session-dto.js';
import { sessionRepository } from '../sessions/session-repository.js';
import type { ParticipantRow, SessionRepository } from '../sessions/session-repository.js';

export interface ParticipantRouteOptions {
  ctx: AppContext;
  auth: Authenticator;
}

const errors = ERROR_RESPONSES;
const tags = ['participants'];
const base = '/api/v1/live/sessions/:session_id/participants';

/** The target of a moderation action; nobody acts on the host but the owner's equals (admins). */
async function target(
  repo: SessionRepository,
  access: SessionAccess,
  userId: string,
): Promise<ParticipantRow> {
  const row = await repo.findParticipantByUserId(access.view.session.sessionId, userId);
  if (!row || row.bannedAt) throw new AppError('NOT_FOUND', 'no such participant in this session');
  const actorIsHostLevel = access.isOwner || access.isAdmin;
  if (row.role === 'host' && !actorIsHostLevel) {
    throw new AppError('FORBIDDEN', 'a co-host cannot act on the host');
  }
  if (row.identity === access.identity)
    throw new AppError('CONFLICT', 'you cannot do this to yourself');
  return row;
}

/** SPEC §3: the participants list, role changes, kick, mute and raised hands. */
export const participantRoutes: FastifyPluginAsyncZod<ParticipantRouteOptions> = async (
  app,
  { ctx, auth },
) => {
  const repo = sessionRepository(ctx.database.db, ctx.accessCache);
  const rooms = ctx.livekit.rooms;

  app.get(
    base,
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        response: { 200: participantsResponseSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      requireRead(access);
      const rows = await repo.participants(request.params.session_id);
      return { participants: rows.map(toParticipantDto) };
    },
  );

  app.patch(
    `${base}/:user_id`,
    {
      schema: {
        tags,
        params: participantParamsSchema,
        body: updateParticipantBodySchema,
        response: { 200: participantResponseSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      requireModerator(access);
      const row = await target(repo, access, request.params.user_id);
      const { role } = request.body;
      if (role === 'co_host' && !(access.isOwner || access.isAdmin)) {
        throw new AppError('FORBIDDEN', 'only the host can make co-hosts');
      }
      if (row.role === 'co_host' && !(access.isOwner || access.isAdmin)) {
        throw new AppError('FORBIDDEN', 'only the host can change a co-host');
      }
      // Applied to the connected client first: a promoted viewer publishes without rejoining,
      // a demoted speaker's tracks stop. The role is kept for the next join either way.
      if (row.connected && access.view.session.status === 'live') {
        await rooms.applyRole(row.sessionId, row.identity, role).catch(orLivekitUnavailable);
      }
      const updated = await repo.updateParticipant(row.sessionId, row.identity, { role });
      return { participant: toParticipantDto(updated!) };
    },
  );

  app.post(
    `${base}/:user_id/kick`,
    {
      schema: {
        tags,
        params: participantParamsSchema,
        response: { 200: participantResponseSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      requireModerator(access);
      const row = await target(repo, access, request.params.user_id);
      // The ban is recorded first, so a reconnect racing the removal is refused too.
      const banned = await repo.updateParticipant(row.sessionId, row.identity, {
        bannedAt: new Date(),
        connected: false,
        handRaised: false,
        leftAt: new Date(),
        livekitSid: null,
      });
      await rooms.remove(row.sessionId, row.identity).catch(orLivekitUnavailable);
      request.log.info({ session: row.sessionId, identity: row.identity }, 'participant kicked');
      return { participant: toParticipantDto(banned!) };
    },
  );

  app.post(
    `${base}/:user_id/mute`,
    {
      schema: {
        tags,
        params: participantParamsSchema,
        body: muteBodySchema,
        response: { 200: muteResponseSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      requireModerator(access);
      const row = await target(repo, access, request.params.user_id);
      const muted = await rooms
        .mute(row.sessionId, row.identity, request.body.source)
        .catch(orLivekitUnavailable);
      return { source: request.body.source, muted_tracks: muted };
    },
  );

  app.post(
    '/api/v1/live/sessions/:session_id/hand',
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        body: handBodySchema,
        response: { 200: participantResponseSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(repo, auth, request, request.params.session_id);
      if (!access.principal)
        throw new AppError('UNAUTHENTICATED', 'sign in first: missing or invalid token');
      if (!access.participant || !access.participant.connected) {
        throw new AppError('CONFLICT', 'join the session before raising a hand');
      }
      const updated = await repo.updateParticipant(
        access.participant.sessionId,
        access.participant.identity,
        {
          handRaised: request.body.raised,
        },
      );
      await rooms
        .broadcast(access.participant.sessionId, 'hand', {
          identity: access.participant.identity,
          raised: request.body.raised,
        })
        .catch(() => undefined);
      return { participant: toParticipantDto(updated!) };
    },
  );
};
