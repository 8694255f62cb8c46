import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { AppError } from '../../errors.js';
import { adminsOnly } from '../admin/admins-only.js';
import { createEndpoint } from './create-endpoint.js';
import { endpointRepository } from './endpoint-repository.js';
import { listDeliveries } from './list-deliveries.js';
import { replayDelivery } from './replay-delivery.js';
import { rotateEndpointSecret } from './rotate-endpoint-secret.js';
import { targetRules } from './target-address.js';
import { updateEndpoint } from './update-endpoint.js';
import { toDeliveryDto, toEndpointDto } from './webhook-dto.js';

/**
 * `/api/v1/admin/webhooks` (admins only): the host site's endpoints, their secrets (in the
 * creation and rotation answers only), their delivery log and replays.
 */
export const webhooksOutRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth },
) => {
  adminsOnly(app, auth);
  const db = ctx.database.db;
  const rules = targetRules(ctx.config);
  const endpoints = endpointRepository(db);
  const secretAnswer = (created: Awaited<ReturnType<typeof createEndpoint>>) => ({
    webhook: toEndpointDto(created.endpoint),
    secret: created.secret,
    previous_secret_expires_at: created.endpoint.previousSecretExpiresAt?.toISOString() ?? null,
  });

  app.route({
    ...declareRoute(app, apiRoutes.listWebhooks),
    handler: async () => ({ webhooks: (await endpoints.list()).map(toEndpointDto) }),
  });

  app.route({
    ...declareRoute(app, apiRoutes.createWebhook),
    handler: async (request, reply) => {
      const created = await createEndpoint({ db, rules, input: request.body });
      request.log.info({ webhook: created.endpoint.id }, 'webhook endpoint created');
      return reply.code(201).send(secretAnswer(created));
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.updateWebhook),
    handler: async (request) => {
      const updated = await updateEndpoint({
        db,
        rules,
        id: request.params.webhook_id,
        changes: request.body,
      });
      return { webhook: toEndpointDto(updated) };
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.deleteWebhook),
    handler: async (request, reply) => {
      if (!(await endpoints.delete(request.params.webhook_id))) {
        throw new AppError('NOT_FOUND', 'no such webhook');
      }
      request.log.info({ webhook: request.params.webhook_id }, 'webhook endpoint deleted');
      return reply.code(204).send(null);
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.rotateWebhookSecret),
    handler: async (request) => {
      const rotated = await rotateEndpointSecret({ db, id: request.params.webhook_id });
      request.log.info({ webhook: rotated.endpoint.id }, 'webhook secret rotated');
      return secretAnswer(rotated);
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.webhookDeliveries),
    handler: async (request) => {
      return listDeliveries({ db, endpointId: request.params.webhook_id, query: request.query });
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.replayWebhookDelivery),
    handler: async (request) => {
      const replayed = await replayDelivery({
        db,
        endpointId: request.params.webhook_id,
        deliveryId: request.params.delivery_id,
      });
      return { delivery: toDeliveryDto(replayed) };
    },
  });
};
