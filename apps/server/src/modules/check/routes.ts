import { apiRoutes } from '@stagecast/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { AppError } from '../../errors.js';
import { checkCapacity } from './check-capacity.js';
import { CHECK_LIMITS, createCheck } from './create-check.js';

/** Checks one client address may start per minute (scaled by `RATE_LIMIT_MULTIPLIER`). */
export const CHECKS_PER_ADDRESS_PER_MINUTE = 10;
/** Checks this instance starts per room lifetime, all clients together (scaled likewise). */
export const CHECKS_PER_INSTANCE = 100;

/**
 * `/api/v1/check`: the connection check page's token, open before sign-in. Each call makes a
 * LiveKit room, so it is rate-limited per client address and capped per instance; the rooms
 * this instance made are closed at their lifetime's end, and their timers dropped on close.
 */
export const checkRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { ctx }) => {
  const multiplier = ctx.config.rateLimitMultiplier;
  const scaled = (n: number) => Math.max(1, Math.round(n * multiplier));
  const capacity = checkCapacity(scaled(CHECKS_PER_INSTANCE), CHECK_LIMITS.lifetimeSeconds * 1000);

  const timers = new Set<NodeJS.Timeout>();
  const scheduleClose = (room: string, afterMs: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      ctx.livekit.rooms.close(room).catch((err: unknown) => {
        // LiveKit's own timeouts close it anyway once it is empty.
        ctx.logger.warn({ err, room }, 'could not close a connection check room');
      });
    }, afterMs);
    timer.unref();
    timers.add(timer);
  };
  app.addHook('onClose', async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  });

  app.route({
    ...declareRoute(app, apiRoutes.checkToken),
    config: {
      rateLimit: {
        max: scaled(CHECKS_PER_ADDRESS_PER_MINUTE),
        timeWindow: 60_000,
        keyGenerator: (r: FastifyRequest) => `check:${r.ip}`,
      },
    },
    handler: async (_request, reply) => {
      const place = capacity.take();
      if (!place.ok) {
        const seconds = Math.ceil(place.retryAfterMs / 1000);
        void reply.header('retry-after', String(seconds));
        throw new AppError(
          'RATE_LIMITED',
          `too many connection checks on this server right now: try again in ${seconds} s`,
        );
      }
      return createCheck({ ctx, scheduleClose });
    },
  });
};
