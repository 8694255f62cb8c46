import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import {
  booleanFlag,
  commaList,
  duration,
  parseUrl,
  port,
  settingsArea,
  urlWithProtocols,
} from './fields.js';

/** The HTTP server: where it listens, who it trusts, how it logs and stops (SPEC §1). */
export const serverEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('localhost'),
  PUBLIC_URL: urlWithProtocols(['http:', 'https:']),
  // Lets an http:// PUBLIC_URL off this machine start (config/production.ts refuses it otherwise).
  ALLOW_INSECURE_PUBLIC_URL: booleanFlag(false),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '' || ['false', '0', 'no', 'off'].includes(v)) return false;
      if (['true', 'yes', 'on'].includes(v)) return true;
      // Otherwise the addresses of the proxies to trust, e.g. "127.0.0.1,10.0.0.0/8".
      const list = v.split(',').map((a) => a.trim());
      if (list.every((a) => /^[0-9a-f.:]+(\/\d{1,3})?$/i.test(a))) return list.join(',');
      ctx.addIssue({
        code: 'custom',
        message: `must be true, false or proxy addresses, got "${v}"`,
      });
      return z.NEVER;
    }),
  CORS_ORIGINS: commaList((origin) =>
    parseUrl(origin)?.origin === origin.replace(/\/$/, '')
      ? undefined
      : `"${origin}" is not an origin like https://example.com`,
  ).transform((list) => list.map((o) => o.replace(/\/$/, ''))),
  RATE_LIMIT_MULTIPLIER: z.coerce
    .number({ message: 'must be a number' })
    .min(0.01, 'must be at least 0.01')
    .max(1_000_000)
    .default(1),
  SHUTDOWN_TIMEOUT: duration('10s', 1, 300),
};

export const serverArea = settingsArea('Server', serverEnv);

type ServerEnv = z.infer<z.ZodObject<typeof serverEnv>>;

/** The server's part of `Config`. */
export interface ServerSettings {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  logLevel: string;
  corsOrigins: string[];
  /** Whether X-Forwarded-For names the client (behind Caddy, nginx…); off by default. */
  trustProxy: boolean | string;
  /** Scales every rate limit (benchmarks raise it; 1 in production). */
  rateLimitMultiplier: number;
  shutdownTimeoutSeconds: number;
}

/** `DATA_DIR` relative to `cwd`, `PUBLIC_URL` derived from `PORT` when unset. */
export function toServerSettings(env: ServerEnv, cwd: string): ServerSettings {
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    dataDir: isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(cwd, env.DATA_DIR),
    logLevel: env.LOG_LEVEL,
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: env.TRUST_PROXY,
    rateLimitMultiplier: env.RATE_LIMIT_MULTIPLIER,
    shutdownTimeoutSeconds: env.SHUTDOWN_TIMEOUT,
  };
}
