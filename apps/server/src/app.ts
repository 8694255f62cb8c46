import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WHIP_PATH } from '@stagecast/contracts';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { sendsHsts } from './config.js';
import type { AppContext, ModuleRouteOptions } from './context.js';
import type { Database } from './db/client.js';
import type { LivekitRuntime } from './livekit/runtime.js';
import { adminRoutes } from './modules/admin/routes.js';
import { attendanceRoutes } from './modules/attendance/routes.js';
import { createMetrics } from './metrics/instruments.js';
import { adminStatsRoutes } from './modules/admin/stats/routes.js';
import { statsRepository } from './modules/admin/stats/stats-repository.js';
import { statsSampler } from './modules/admin/stats/stats-sampler.js';
import type { StatsSampler } from './modules/admin/stats/stats-sampler.js';
import { createAuthenticator } from './modules/auth/authenticator.js';
import { embedRoutes } from './modules/embed/routes.js';
import { ensureAdmin } from './modules/auth/ensure-admin.js';
import { authRoutes } from './modules/auth/routes.js';
import { chatRoutes } from './modules/chat/routes.js';
import { checkRoutes } from './modules/check/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { readLiveCounts } from './modules/metrics/read-live-counts.js';
import { metricsRoutes } from './modules/metrics/routes.js';
import { lobbyService } from './modules/lobby/lobby-service.js';
import { lobbyRoutes } from './modules/lobby/routes.js';
import { ingestRoutes } from './modules/ingest/routes.js';
import { whipRoutes } from './modules/ingest/whip-routes.js';
import { pollRoutes } from './modules/polls/routes.js';
import { questionRoutes } from './modules/questions/routes.js';
import { handRoute, participantRoutes } from './modules/participants/routes.js';
import { recordingService } from './modules/recordings/recording-service.js';
import { recordingRoutes } from './modules/recordings/routes.js';
import { accessCache } from './modules/sessions/access-cache.js';
import { sessionRoutes } from './modules/sessions/routes.js';
import { ssoRoutes } from './modules/sso/routes.js';
import { ssoServices } from './modules/sso/services.js';
import { tokenRoute } from './modules/sessions/token-route.js';
import type { AccessRow } from './modules/sessions/session-repository.js';
import { webhookApplier } from './modules/webhooks/apply-event.js';
import { joinCatchUp } from './modules/webhooks/catch-up.js';
import { RECONCILE_LOCK_ID, reconciler } from './modules/webhooks/reconcile.js';
import type { Reconciler } from './modules/webhooks/reconcile.js';
import { webhookRoutes } from './modules/webhooks/routes.js';
import { deliveryWorker } from './modules/webhooks-out/delivery-worker.js';
import type {
  DeliveryWorker,
  DeliveryWorkerOptions,
} from './modules/webhooks-out/delivery-worker.js';
import { webhooksOutRoutes } from './modules/webhooks-out/routes.js';
import { targetRules } from './modules/webhooks-out/target-address.js';
import { corsPolicy } from './plugins/cors.js';
import { errorHandler } from './plugins/error-handler.js';
import { metricsHooks } from './plugins/metrics.js';
import { openapi } from './plugins/openapi.js';
import { rateLimiting, rateLimits } from './plugins/rate-limit.js';
import { securityHeaders } from './plugins/security-headers.js';
import { web } from './plugins/web.js';
import { openRedis, whenConnected } from './redis.js';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  database: Database;
  livekit: LivekitRuntime;
  /** The built web app; defaults to `apps/web/dist`. */
  webRoot?: string;
  /** Run the reconcile loop (tests that drive it by hand turn it off). */
  reconcile?: boolean;
  /** Sample the platform every STATS_INTERVAL (tests that drive it by hand turn it off). */
  sampleStats?: boolean;
  /**
   * The webhooks-out delivery worker's timing (tests shorten the retry delays and the poll);
   * `false` runs no worker (tests that drive `app.webhookWorker.runOnce()` by hand).
   */
  webhookDelivery?: false | Pick<DeliveryWorkerOptions, 'retry' | 'pollMs' | 'timeoutMs'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    reconciler: Reconciler;
    /** Takes the platform's samples behind `/api/v1/admin/stats`. */
    statsSampler: StatsSampler;
    /** For tools and tests that change rows behind the repositories' back. */
    accessCache: AppContext['accessCache'];
    /** Delivers the queued webhooks out. */
    webhookWorker: DeliveryWorker;
  }
}

export const DEFAULT_WEB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the Fastify app from its dependencies; `server.ts` listens and shuts it down. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: 64 * 1024,
    trustProxy: deps.config.trustProxy,
    requestIdHeader: false,
    return503OnClosing: true,
    // Path parameters are validated by their schemas (most are UUIDs); this only stops abuse.
    routerOptions: { maxParamLength: 500 },
    // Errors the router raises before any handler (a malformed %-escape in the URL, say) get
    // our error shape too.
    frameworkErrors: (error, _request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      void reply.code(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: `bad request URL: ${error.message}`,
          details: { field: 'url' },
        },
      });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const redis = deps.config.redisUrl ? openRedis(deps.config.redisUrl, deps.logger) : undefined;
  if (redis) await whenConnected(redis, 2_000);
  const metrics = createMetrics();
  // openRedis logs when Redis goes away and comes back; every failed command or reconnect counts.
  redis?.on('error', () => metrics.redisError());
  deps.database.onError((kind) => metrics.databaseError(kind));
  app.addHook('onClose', async () => {
    await redis?.quit().catch(() => undefined);
  });
  const ctx: AppContext = {
    config: deps.config,
    database: deps.database,
    livekit: deps.livekit,
    logger: deps.logger,
    // Every write here drops what it concerns at once, so the lifetime only bounds what another
    // instance may miss: short when several instances share PostgreSQL with nothing telling them
    // of each other's writes, longer when Redis carries the drops or PGlite (one process) is used.
    accessCache: accessCache<AccessRow>(redis, deps.config.databaseUrl && !redis ? 2_000 : 15_000),
  };
  app.addHook('onClose', async () => ctx.accessCache?.close());
  const lobby = lobbyService(ctx, redis);
  ctx.lobby = lobby;
  app.addHook('onClose', async () => lobby.close());
  app.decorate('accessCache', ctx.accessCache);

  if (deps.config.admin) await ensureAdmin(deps.database.db, deps.config.admin, deps.logger);

  await app.register(errorHandler);
  await app.register(metricsHooks, { metrics });
  await app.register(securityHeaders, {
    hsts: sendsHsts(deps.config.publicUrl),
    embedOrigins: deps.config.embed.origins,
  });
  await app.register(corsPolicy, { origins: deps.config.corsOrigins });
  await app.register(rateLimiting, { redis, multiplier: deps.config.rateLimitMultiplier });
  await app.register(openapi);

  // The host site's JWTs and OpenID provider (issue 14), when configured.
  const sso = ssoServices(deps.config, deps.database.db, (userId) =>
    auth.tokens.forgetUser(userId),
  );
  // Revocations reach other instances through Redis; without it, over a shared PostgreSQL, a
  // resolved token is trusted for 2 s only, so a logout or a disabled account holds everywhere
  // within 2 s.
  const auth = createAuthenticator(deps.database.db, redis, {
    jwt: sso.bearer,
    cacheMs: deps.config.databaseUrl && !redis ? 2_000 : undefined,
  });
  app.addHook('onClose', async () => auth.tokens.close());
  const limits = rateLimits(deps.config.rateLimitMultiplier);

  await app.register(healthRoutes, {
    probes: {
      database: () => deps.database.ping(),
      livekit: () => deps.livekit.ping(1_500),
    },
  });
  await app.register(metricsRoutes, { metrics, token: deps.config.metrics.token });
  // Each module's routes sit under its own prefix (its folder is its URL).
  const modules: ModuleRouteOptions = { ctx, auth, limits };
  const inSession = '/api/v1/live/sessions/:session_id';
  await app.register(authRoutes, { prefix: '/api/v1/auth', ...modules });
  await app.register(ssoRoutes, { prefix: '/auth', ...modules, sso });
  await app.register(adminRoutes, { prefix: '/api/v1/admin', ...modules });
  const liveCounts = () => readLiveCounts(deps.database);
  const stats = statsRepository(deps.database);
  await app.register(adminStatsRoutes, {
    prefix: '/api/v1/admin',
    ...modules,
    stats: {
      repo: stats,
      liveCounts,
      pings: {
        database: () => deps.database.ping(),
        livekit: () => deps.livekit.ping(1_500),
        redis: redis
          ? async () => {
              await redis.ping();
            }
          : undefined,
      },
      hasTraffic: deps.livekit.stats.hasTraffic,
      dataDir: deps.config.dataDir,
      intervalSeconds: deps.config.stats.intervalSeconds,
    },
  });
  await app.register(sessionRoutes, { prefix: '/api/v1/live/sessions', ...modules });
  await app.register(tokenRoute, modules);
  await app.register(participantRoutes, { prefix: `${inSession}/participants`, ...modules });
  await app.register(handRoute, { prefix: inSession, ...modules });
  await app.register(chatRoutes, { prefix: `${inSession}/chat`, ...modules });
  await app.register(lobbyRoutes, { prefix: `${inSession}/lobby`, ...modules, lobby });
  await app.register(ingestRoutes, { prefix: `${inSession}/ingest`, ...modules });
  await app.register(whipRoutes, { prefix: WHIP_PATH, ...modules });
  await app.register(pollRoutes, { prefix: `${inSession}/polls`, ...modules });
  await app.register(questionRoutes, { prefix: `${inSession}/questions`, ...modules });
  await app.register(attendanceRoutes, { prefix: `${inSession}/attendance`, ...modules });
  await app.register(checkRoutes, { prefix: '/api/v1/check', ...modules });
  await app.register(webhooksOutRoutes, { prefix: '/api/v1/admin/webhooks', ...modules });
  await app.register(embedRoutes, { prefix: '/api/v1/embed', ...modules });

  const recordings = recordingService(ctx);
  ctx.hooks = lobby.withHooks(recordings.hooks);
  await recordings
    .recoverAtStart()
    .catch((err: unknown) => deps.logger.error({ err }, 'recording recovery failed'));
  metrics.readFrom({
    liveCounts,
    encoderCpu: () => recordings.encoderCpu(),
    livekitRestarts: () => deps.livekit.supervisor?.restarts,
  });
  // A graceful stop finalises the recordings running here: they end `complete`.
  app.addHook('onClose', async () => recordings.close());
  await app.register(recordingRoutes, { ...modules, recordings });

  const applyWebhook = webhookApplier(ctx);
  // A join storm queues LiveKit's webhooks up: late joins are caught up from LiveKit's list.
  const catchUp = joinCatchUp(ctx);
  app.addHook('onClose', async () => catchUp.idle());
  await app.register(webhookRoutes, {
    verifier: deps.livekit.webhooks,
    onEvent: async (event) => {
      let outcome: Awaited<ReturnType<typeof applyWebhook>>;
      try {
        if (event.egress) await recordings.applyEgressWebhook(event.egress);
        outcome = await applyWebhook(event);
        // Late, even when already recorded: LiveKit's queue for the room is behind.
        if (outcome !== 'ignored' && event.event === 'participant_joined' && event.room) {
          catchUp.joinedLate(event.room, event.participant?.joinedAt, new Date());
        }
      } catch (err) {
        metrics.webhookApplied(event, 'failed');
        throw err;
      }
      metrics.webhookApplied(event, outcome);
      app.log.debug(
        { event: event.event, id: event.id, room: event.room, outcome },
        'livekit webhook',
      );
    },
  });

  // Instances on one PostgreSQL database take the passes in turn (one leads, see reconcile.ts).
  const loop = reconciler(ctx, {
    lock: deps.database.leaderLock(RECONCILE_LOCK_ID),
    onPass: (outcome) => metrics.reconcilePass(outcome),
  });
  app.decorate('reconciler', loop);
  if (deps.reconcile !== false) {
    app.addHook('onReady', async () => loop.start(deps.config.reconcileIntervalSeconds));
    // A restarted LiveKit has no rooms: every client reconnecting meets "room does not exist"
    // until the live sessions' rooms are made again, so that cannot wait for the next pass.
    const unsubscribe = deps.livekit.onRestarted(() => void loop.runNow('LiveKit restarted'));
    app.addHook('onClose', async () => unsubscribe());
  }
  app.addHook('onClose', async () => loop.stop());

  const sampler = statsSampler({
    repo: stats,
    livekit: deps.livekit.stats,
    liveCounts,
    window: metrics.window,
    intervalSeconds: deps.config.stats.intervalSeconds,
    retentionSeconds: deps.config.stats.retentionSeconds,
    logger: deps.logger,
  });
  app.decorate('statsSampler', sampler);
  if (deps.sampleStats !== false) app.addHook('onReady', async () => sampler.start());
  app.addHook('onClose', async () => sampler.stop());

  // Every instance delivers: they claim different rows (see delivery-repository.ts).
  const webhookWorker = deliveryWorker({
    db: deps.database.db,
    logger: deps.logger,
    rules: targetRules(deps.config),
    ...(deps.webhookDelivery || {}),
  });
  app.decorate('webhookWorker', webhookWorker);
  if (deps.webhookDelivery !== false) app.addHook('onReady', async () => webhookWorker.start());
  app.addHook('onClose', async () => webhookWorker.stop());

  await app.register(web, { root: deps.webRoot ?? DEFAULT_WEB_ROOT });
  return app;
}
