import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { LivekitRuntime } from './livekit/runtime.js';
import { healthRoutes } from './modules/health/routes.js';
import { webhookRoutes } from './modules/webhooks/routes.js';
import { errorHandler } from './plugins/error-handler.js';
import { openapi } from './plugins/openapi.js';
import { securityHeaders } from './plugins/security-headers.js';
import { web } from './plugins/web.js';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  database: Database;
  livekit: LivekitRuntime;
  /** The built web app; defaults to `apps/web/dist`. */
  webRoot?: string;
}

export const DEFAULT_WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the Fastify app from its dependencies; `server.ts` listens and shuts it down. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: 64 * 1024,
    trustProxy: true,
    requestIdHeader: false,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorHandler);
  await app.register(securityHeaders);
  await app.register(openapi);

  await app.register(healthRoutes, {
    probes: {
      database: () => deps.database.ping(),
      livekit: () => deps.livekit.ping(1_500),
    },
  });
  await app.register(webhookRoutes, {
    receiver: deps.livekit.webhooks,
    onEvent: async (event) => {
      // Applying events to sessions and participants comes with the sessions module.
      app.log.debug(
        { event: event.event, id: event.id, room: event.room?.name },
        'livekit webhook',
      );
    },
  });

  await app.register(web, { root: deps.webRoot ?? DEFAULT_WEB_ROOT });
  return app;
}
