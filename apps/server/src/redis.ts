import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The Redis connections (`REDIS_URL`): rate-limit counters and cache drops shared by every app
 * instance. Redis is a helper, not a dependency requests wait for: while it is away the command
 * connection fails at once (rate limits let requests through, drops stay on this instance), and
 * both kinds of connection come back by themselves when it returns.
 */

/** How long a command may wait for Redis' answer (a connection that hangs rather than breaks). */
const COMMAND_TIMEOUT_MS = 1_000;

/**
 * The command connection. No offline queue: a command sent while the connection is down fails
 * at once instead of waiting for the next reconnect (up to 2 s later) inside a request.
 */
export function openRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
  });
  // One line when it goes and one when it is back, not one per reconnect attempt.
  let down = false;
  redis.on('error', (err) => {
    if (down) return;
    down = true;
    logger.warn(
      { err },
      'redis unavailable: rate limits are not counted and cache drops stay on this instance until it returns',
    );
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info('redis connection restored');
  });
  return redis;
}

/**
 * A connection for SUBSCRIBE: it queues the subscription until connected (Redis may be away
 * when the app starts) and subscribes again after every reconnect (ioredis' `autoResubscribe`).
 */
export function subscriberOf(redis: Redis): Redis {
  const subscriber = redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
  // Its failures are the command connection's, which logs them.
  subscriber.on('error', () => undefined);
  return subscriber;
}

/**
 * Resolves once the connection is up, or after `timeoutMs`: the app starts without Redis (and
 * connects when it comes), but normally its first requests are counted there already.
 */
export async function whenConnected(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}
