import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.js';

/**
 * Per-route limits (`config: { rateLimit: limits.x }`). With `REDIS_URL` the counters live in
 * Redis, so they hold across every app instance; otherwise in this process's memory.
 */
export interface RateLimitOptions {
  redis: Redis | undefined;
  multiplier: number;
}

/** Who is counted: the caller's token when there is one, else the client address. */
export function callerKey(request: FastifyRequest): string {
  const auth = request.headers.authorization ?? '';
  const cookie = /stagecast_token=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : cookie;
  // The end of a token: a JWT's first characters (its header, often its issuer) are the same
  // for every user of a site, its signature is not.
  return token ? `t:${token.slice(-64)}` : `ip:${request.ip}`;
}

export function rateLimits(multiplier: number) {
  const max = (n: number) => Math.max(1, Math.round(n * multiplier));
  return {
    /** register, login, guest: per client address. */
    auth: { max: max(10), timeWindow: 60_000, keyGenerator: (r: FastifyRequest) => `auth:${r.ip}` },
    /**
     * The sign-in navigations from the host site (`/auth/jwt`, `/auth/oidc/*`): per client
     * address, higher than `auth` since a whole class behind one school address may open a
     * session at once; the tokens they carry are signed, so guessing gets nowhere anyway.
     */
    signIn: {
      max: max(120),
      timeWindow: 60_000,
      keyGenerator: (r: FastifyRequest) => `sign-in:${r.ip}`,
    },
    /** join and the integrator token: per caller. */
    join: {
      max: max(30),
      timeWindow: 60_000,
      keyGenerator: (r: FastifyRequest) => `join:${callerKey(r)}`,
    },
    /** chat messages: per caller. */
    chat: {
      max: max(20),
      timeWindow: 10_000,
      keyGenerator: (r: FastifyRequest) => `chat:${callerKey(r)}`,
    },
    /**
     * The WHIP gateway (issue 15): per client address, since a refused key must not buy more
     * tries; OBS makes one call per stream start (and a few on reconnects).
     */
    whip: {
      max: max(60),
      timeWindow: 60_000,
      keyGenerator: (r: FastifyRequest) => `whip:${r.ip}`,
    },
    /** Q&A questions (issue 15): per caller. */
    questions: {
      max: max(5),
      timeWindow: 60_000,
      keyGenerator: (r: FastifyRequest) => `questions:${callerKey(r)}`,
    },
  };
}
export type RateLimits = ReturnType<typeof rateLimits>;

export const rateLimiting = fp(async (app: FastifyInstance, opts: RateLimitOptions) => {
  await app.register(rateLimit, {
    global: false,
    ...(opts.redis ? { redis: opts.redis, nameSpace: 'stagecast:rl:' } : {}),
    // A Redis outage must not take the API down with it: let requests through.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `too many requests: try again in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });
});
