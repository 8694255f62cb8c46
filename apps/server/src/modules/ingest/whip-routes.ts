import { apiRoutes } from '@stagecast/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { AppError } from '../../errors.js';
import type { WhipCall } from '../../livekit/index.js';
import { authorizeStreamKey } from './authorize-stream-key.js';
import { whipUrl } from './ingest-dto.js';
import { relayWhipReply } from './whip-reply.js';

const SDP = 'application/sdp';
const SDP_FRAGMENT = 'application/trickle-ice-sdpfrag';

/**
 * Any origin may call WHIP from a browser (as on LiveKit's own endpoint): the stream key in the
 * Authorization header is the only credential, never a cookie. OPTIONS always answers 204 with
 * these headers, a CORS preflight or not (RFC 9725 allows either).
 */
const cors = {
  origin: '*',
  credentials: false,
  strictPreflight: false,
  methods: ['POST', 'PATCH', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['authorization', 'content-type', 'if-match'],
  exposedHeaders: ['location', 'etag', 'link'],
};

/** The request's body, which must be of `type` and not empty (else 400 naming the problem). */
function bodyOf(request: FastifyRequest, type: string): string {
  const given = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (given !== type) {
    throw new AppError('VALIDATION_FAILED', `content-type must be ${type}`, {
      field: 'content-type',
    });
  }
  const body = typeof request.body === 'string' ? request.body : '';
  if (body.trim() === '') {
    throw new AppError('VALIDATION_FAILED', `the body must be the ${type} of the request`, {
      field: 'body',
    });
  }
  return body;
}

/**
 * `/whip/v1`: the WHIP gateway OBS is given (issue 15). LiveKit cannot revoke a token, so its
 * own endpoint would take a rotated or revoked stream key; here a call reaches LiveKit only with
 * the session's active, unexpired key (`authorize-stream-key.ts`), and LiveKit's answer is
 * relayed with `Location` pointing back here. The key is never logged.
 */
export const whipRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, limits },
) => {
  app.addContentTypeParser([SDP, SDP_FRAGMENT], { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
  const resourceUrl = (resource: string) =>
    `${whipUrl(ctx.config.publicUrl)}/${encodeURIComponent(resource)}`;
  /** Checks the Bearer key, then passes `call` on to LiveKit with it and relays the answer. */
  const passOn = async (
    request: FastifyRequest,
    reply: FastifyReply,
    call: Omit<WhipCall, 'key'>,
  ): Promise<FastifyReply> => {
    const { key } = await authorizeStreamKey({
      db: ctx.database.db,
      authorization: request.headers.authorization,
      opening: call.method === 'POST',
    });
    const answer = await ctx.livekit.whip.forward({ ...call, key });
    return relayWhipReply(reply, answer, resourceUrl);
  };
  const config = { rateLimit: limits.whip, cors };

  app.route({
    ...declareRoute(app, apiRoutes.whipCreate),
    config,
    handler: async (request, reply) => {
      const body = bodyOf(request, SDP);
      return passOn(request, reply, { method: 'POST', contentType: SDP, body });
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.whipUpdate),
    config,
    handler: async (request, reply) => {
      const body = bodyOf(request, SDP_FRAGMENT);
      const ifMatch = request.headers['if-match'];
      if (!ifMatch) {
        // RFC 9725 asks for 428 here (LiveKit's answer); the error table has 400 naming the field.
        throw new AppError(
          'VALIDATION_FAILED',
          'If-Match must name the ICE session (its ETag), or be * for an ICE restart',
          { field: 'if-match' },
        );
      }
      const resource = request.params.participant_id;
      return passOn(request, reply, {
        method: 'PATCH',
        resource,
        contentType: SDP_FRAGMENT,
        ifMatch,
        body,
      });
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.whipDelete),
    config,
    handler: async (request, reply) =>
      passOn(request, reply, { method: 'DELETE', resource: request.params.participant_id }),
  });

  for (const url of ['', '/:participant_id']) {
    app.route({
      method: 'OPTIONS',
      url,
      schema: { hide: true },
      config: { cors },
      handler: async (_request, reply) => reply.code(204).send(),
    });
  }
};
