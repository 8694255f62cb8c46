import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { assertOwner } from '../sessions/access.js';
import { sessionScope } from '../sessions/session-access.js';
import { createIngestKey } from './create-ingest-key.js';
import { toIngestKey, whipUrl } from './ingest-dto.js';
import { ingestKeyRepository } from './ingest-repository.js';
import { revokeIngestKey } from './revoke-ingest-key.js';

/**
 * …/:session_id/ingest: streaming from OBS (issue 15), for the host (the session's owner) and
 * admins only, as the invite link is: a stream key lets whoever holds it onto the stage.
 * Registered under `/api/v1/live/sessions/:session_id/ingest`.
 */
export const ingestRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth },
) => {
  const { route } = sessionScope(app, { ctx, auth });
  // The stream key is a credential: no answer of these routes is kept by any cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  route(apiRoutes.getIngest, assertOwner, async (access) => {
    const key = await ingestKeyRepository(ctx.database.db).active(access.view.session.sessionId);
    return { whip_url: whipUrl(ctx.config.publicUrl), key: key ? toIngestKey(key) : null };
  });

  route(apiRoutes.createIngestKey, assertOwner, async (access, request, reply) => {
    const ttlSeconds = request.body.ttl_seconds;
    const created = await createIngestKey({ ctx, access, ttlSeconds, ip: request.ip });
    return reply.code(201).send(created);
  });

  route(apiRoutes.revokeIngestKey, assertOwner, async (access, request, reply) => {
    await revokeIngestKey({ ctx, access, ip: request.ip });
    return reply.code(204).send(null);
  });
};
