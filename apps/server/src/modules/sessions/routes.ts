import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { auditBy } from '../audit/record-audit.js';
import { identityOf } from '../auth/authenticator.js';
import { assertCanRead, assertOwner } from './access.js';
import { createSession } from './create-session.js';
import { deleteSession } from './delete-session.js';
import { endSession } from './end-session.js';
import { inviteLink } from './invite.js';
import { joinSession } from './join-session.js';
import { rotateInvite } from './rotate-invite.js';
import { sessionCalendar } from './session-calendar.js';
import { sessionScope } from './session-access.js';
import { toSessionDto } from './session-dto.js';
import { startSession } from './start-session.js';
import { updateSession } from './update-session.js';

/** SPEC §3: sessions, their lifecycle, invites and joins; registered under `/api/v1/live/sessions`. */
export const sessionRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth, limits },
) => {
  const { sessions, participants, preHandler, route } = sessionScope(app, { ctx, auth });
  const viewOf = async (id: string) => toSessionDto(await sessions.view(id));

  app.route({
    ...declareRoute(app, apiRoutes.listSessions),
    handler: async (request) => {
      const principal = await auth.principal(request);
      const q = request.query;
      const { rows, total } = await sessions.list({
        viewer: {
          userId: principal?.kind === 'user' ? principal.user.id : undefined,
          identity: principal ? identityOf(principal) : undefined,
          isAdmin: principal?.kind === 'user' && principal.user.role === 'admin',
        },
        status: q.status,
        isPublic: q.is_public,
        page: q.page,
        pageSize: q.page_size,
      });
      return { sessions: rows.map(toSessionDto), total, page: q.page, page_size: q.page_size };
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.getSession),
    preHandler,
    handler: async (request) => {
      assertCanRead(request.sessionAccess, request.query.invite_token);
      return toSessionDto(request.sessionAccess.view);
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.sessionCalendar),
    preHandler,
    handler: async (request, reply) => {
      const inviteToken = request.query.invite_token;
      assertCanRead(request.sessionAccess, inviteToken);
      const ics = sessionCalendar({
        view: request.sessionAccess.view,
        publicUrl: ctx.config.publicUrl,
        inviteToken,
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="session-${request.params.session_id}.ics"`,
        )
        .header('cache-control', 'private, no-cache')
        .send(ics);
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.createSession),
    handler: async (request, reply) => {
      const owner = await auth.requireUser(request, ['admin', 'mentor']);
      const created = await createSession({
        ctx,
        sessions,
        participants,
        owner,
        input: request.body,
      });
      const { session, invite } = created;
      return reply.code(201).send({
        session_id: session.sessionId,
        invite_link: invite
          ? inviteLink(ctx.config.publicUrl, session.sessionId, invite.secret)
          : null,
        host_token: created.hostToken,
        server_url: ctx.livekit.clientUrl,
        created_at: session.createdAt.toISOString(),
        message: session.status === 'live' ? 'session created and live' : 'session created',
      });
    },
  });

  route(apiRoutes.updateSession, assertOwner, async (access, request) => {
    await updateSession({ sessions, session: access.view.session, changes: request.body });
    // The waiting room turned off: whoever waits in it is let in rather than left waiting.
    if (request.body.waiting_room === false && access.view.session.waitingRoom) {
      await ctx.lobby?.decide({
        sessionId: access.view.session.sessionId,
        status: 'admitted',
        by: access.identity,
      });
    }
    return viewOf(request.params.session_id);
  });

  route(apiRoutes.startSession, assertOwner, async (access, request) => {
    await startSession({ ctx, sessions, session: access.view.session });
    return viewOf(request.params.session_id);
  });

  route(apiRoutes.endSession, assertOwner, async (access, request) => {
    const by = auditBy(access.principal, request.ip);
    await endSession({ ctx, sessions, participants, session: access.view.session, by });
    return viewOf(request.params.session_id);
  });

  route(apiRoutes.deleteSession, assertOwner, async (access, request, reply) => {
    const by = auditBy(access.principal, request.ip);
    await deleteSession({ ctx, sessions, participants, session: access.view.session, by });
    return reply.code(204).send(null);
  });

  route(apiRoutes.rotateInvite, assertOwner, async (_access, request) => {
    const sessionId = request.params.session_id;
    const invite = await rotateInvite({ ctx, sessions, sessionId });
    return {
      invite_link: inviteLink(ctx.config.publicUrl, sessionId, invite.secret),
      invite_expires_at: invite.expiresAt.toISOString(),
    };
  });

  app.route({
    ...declareRoute(app, apiRoutes.joinSession),
    config: { rateLimit: limits.join },
    preHandler,
    handler: async (request, reply) => {
      const joined = await joinSession({
        ctx,
        participants,
        access: request.sessionAccess,
        displayName: request.body?.display_name,
        inviteToken: request.body?.invite_token,
      });
      // The waiting room holds the caller: 202, no token (issue 15).
      if ('status' in joined) return reply.code(202).send(joined);
      return joined;
    },
  });
};
