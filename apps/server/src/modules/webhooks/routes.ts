import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { declareRoute } from '../../declare-route.js';
import { AppError } from '../../errors.js';
import type { LivekitEvent, WebhookVerifier } from '../../livekit/index.js';

export interface WebhookRouteOptions {
  verifier: WebhookVerifier;
  /** Applies one verified event. */
  onEvent: (event: LivekitEvent) => Promise<void>;
}

/**
 * `POST /api/livekit/webhook`: LiveKit's signed webhooks. The signature covers the raw body (its
 * SHA-256 is in the JWT of the Authorization header), so the body is kept as the exact string
 * LiveKit sent; nothing is applied unless it verifies.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRouteOptions> = async (app, opts) => {
  app.addContentTypeParser(
    ['application/webhook+json', 'application/json'],
    { parseAs: 'string', bodyLimit: 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.route({
    ...declareRoute(app, apiRoutes.livekitWebhook),
    handler: async (request, reply) => {
      const auth = request.headers.authorization;
      if (!auth) {
        throw new AppError('UNAUTHENTICATED', 'missing webhook signature', undefined, {
          reason: 'signature_missing',
        });
      }
      let event: LivekitEvent;
      try {
        event = await opts.verifier.verify(
          typeof request.body === 'string' ? request.body : '',
          auth,
        );
      } catch (err) {
        throw new AppError('UNAUTHENTICATED', 'webhook signature is invalid', undefined, {
          cause: err,
          reason: 'signature_invalid',
        });
      }
      await opts.onEvent(event);
      return reply.code(200).send({ ok: true });
    },
  });
};
