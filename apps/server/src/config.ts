import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/**
 * Every setting of the server (SPEC §1), validated once at start. This is the only module that
 * reads `process.env`; everything else receives a `Config`.
 */

const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const booleanFlag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `must be true or false, got "${v}"` });
      return z.NEVER;
    });

const DURATION = /^(\d+)\s*(ms|s|m|h|d)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses `600`, `90s`, `10m`, `1h` into seconds. */
export function parseDurationSeconds(value: string): number | undefined {
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 's') as keyof typeof UNIT_MS;
  return Math.floor((Number(match[1]) * UNIT_MS[unit]) / 1000);
}

const duration = (fallback: string, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const raw = v === undefined || v.trim() === '' ? fallback : v;
      const seconds = parseDurationSeconds(raw);
      if (seconds === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a duration like 10m, 90s or 1h, got "${raw}"`,
        });
        return z.NEVER;
      }
      if (seconds < min || seconds > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be between ${min}s and ${max}s, got "${raw}"`,
        });
        return z.NEVER;
      }
      return seconds;
    });

const urlWithProtocols = (protocols: string[]) =>
  optionalString.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const origins = optionalString.transform((v, ctx) => {
  if (v === undefined) return [];
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of list) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin.replace(/\/$/, '')) {
      ctx.addIssue({
        code: 'custom',
        message: `"${origin}" is not an origin like https://example.com`,
      });
      return z.NEVER;
    }
  }
  return list.map((o) => o.replace(/\/$/, ''));
});

const evenSize = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(16, 'must be between 16 and 3840')
    .max(3840, 'must be between 16 and 3840')
    .refine((v) => v % 2 === 0, { message: 'must be even (H.264 4:2:0 needs it)' })
    .default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('localhost'),
  PUBLIC_URL: urlWithProtocols(['http:', 'https:']),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']),
  LIVEKIT_URL: urlWithProtocols(['ws:', 'wss:', 'http:', 'https:']),
  LIVEKIT_SERVER_URL: urlWithProtocols(['ws:', 'wss:', 'http:', 'https:']),
  LIVEKIT_API_KEY: optionalString,
  LIVEKIT_API_SECRET: optionalString,
  LIVEKIT_PUBLIC_URL: urlWithProtocols(['ws:', 'wss:', 'http:', 'https:']),
  LIVEKIT_SERVER_BIN: optionalString,
  LIVEKIT_PORT: port.default(7880),
  LIVEKIT_RTC_TCP_PORT: port.optional(),
  LIVEKIT_RTC_UDP_PORT: port.optional(),
  LIVEKIT_NODE_IP: z.union([z.ipv4(), z.ipv6()], { message: 'must be an IP address' }).optional(),
  LIVEKIT_TOKEN_TTL: duration('10m', 60, 24 * 3600),
  CORS_ORIGINS: origins,
  ALLOW_GUESTS: booleanFlag(true),
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  ADMIN_PASSWORD: optionalString,
  SHUTDOWN_TIMEOUT: duration('10s', 1, 300),
  RECONCILE_INTERVAL: duration('30s', 1, 3600),
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
  INVITE_TTL: duration('7d', 60, 365 * 24 * 3600),
  RATE_LIMIT_MULTIPLIER: z.coerce
    .number({ message: 'must be a number' })
    .min(0.01, 'must be at least 0.01')
    .max(1_000_000)
    .default(1),
  RECORDING_BACKEND: z.enum(['builtin', 'egress']).default('builtin'),
  RECORDING_WIDTH: evenSize(1280),
  RECORDING_HEIGHT: evenSize(720),
  RECORDING_FPS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 60')
    .max(60, 'must be between 1 and 60')
    .default(30),
  RECORDING_PRESET: z
    .enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium'])
    .default('veryfast'),
  RECORDING_THREADS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 16')
    .max(16, 'must be between 1 and 16')
    .default(2),
  RECORDING_MAX_ACTIVE: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 100')
    .max(100, 'must be between 1 and 100')
    .default(2),
  FFMPEG_PATH: optionalString,
  RECORDING_EGRESS_DIR: optionalString,
  RECORDING_S3_BUCKET: optionalString,
  RECORDING_S3_REGION: optionalString,
  RECORDING_S3_ENDPOINT: urlWithProtocols(['http:', 'https:']),
  RECORDING_S3_ACCESS_KEY: optionalString,
  RECORDING_S3_SECRET: optionalString,
  RECORDING_S3_FORCE_PATH_STYLE: booleanFlag(false),
});

/** Cross-field rules; each names the variable to fix. */
function checkCombinations(env: z.infer<typeof envSchema>, ctx: z.RefinementCtx): void {
  const url = env.LIVEKIT_URL ?? env.LIVEKIT_SERVER_URL;
  const external = [url, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET];
  if (external.some(Boolean) && !external.every(Boolean)) {
    const missing = (
      [
        ['LIVEKIT_URL', url],
        ['LIVEKIT_API_KEY', env.LIVEKIT_API_KEY],
        ['LIVEKIT_API_SECRET', env.LIVEKIT_API_SECRET],
      ] as const
    ).find(([, v]) => !v)?.[0];
    ctx.addIssue({
      code: 'custom',
      path: [missing ?? 'LIVEKIT_URL'],
      message:
        'an external LiveKit needs LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET together',
    });
  }
  if (env.LIVEKIT_URL && env.LIVEKIT_SERVER_URL && env.LIVEKIT_URL !== env.LIVEKIT_SERVER_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['LIVEKIT_SERVER_URL'],
      message: 'differs from LIVEKIT_URL (it is an alias: set one of them)',
    });
  }
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    ctx.addIssue({
      code: 'custom',
      path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
      message: 'ADMIN_EMAIL and ADMIN_PASSWORD are set together',
    });
  }
  if (env.ADMIN_PASSWORD && env.ADMIN_PASSWORD.length < 8) {
    ctx.addIssue({
      code: 'custom',
      path: ['ADMIN_PASSWORD'],
      message: 'must be at least 8 characters',
    });
  }
  if (env.LIVEKIT_API_SECRET && env.LIVEKIT_API_SECRET.length < 32) {
    ctx.addIssue({
      code: 'custom',
      path: ['LIVEKIT_API_SECRET'],
      message: 'must be at least 32 characters (LiveKit refuses shorter secrets)',
    });
  }
  const s3 = [env.RECORDING_S3_BUCKET, env.RECORDING_S3_ACCESS_KEY, env.RECORDING_S3_SECRET];
  if (s3.some(Boolean) && !s3.every(Boolean)) {
    ctx.addIssue({
      code: 'custom',
      path: [
        !env.RECORDING_S3_BUCKET
          ? 'RECORDING_S3_BUCKET'
          : !env.RECORDING_S3_ACCESS_KEY
            ? 'RECORDING_S3_ACCESS_KEY'
            : 'RECORDING_S3_SECRET',
      ],
      message:
        'S3 storage for recordings needs RECORDING_S3_BUCKET, RECORDING_S3_ACCESS_KEY and RECORDING_S3_SECRET together',
    });
  }
  if (s3.every(Boolean) && env.RECORDING_BACKEND !== 'egress') {
    ctx.addIssue({
      code: 'custom',
      path: ['RECORDING_BACKEND'],
      message:
        'S3 storage (RECORDING_S3_*) is written by LiveKit Egress: set RECORDING_BACKEND=egress',
    });
  }
  const livekitPorts = [
    ['LIVEKIT_PORT', env.LIVEKIT_PORT],
    ['LIVEKIT_RTC_TCP_PORT', env.LIVEKIT_RTC_TCP_PORT ?? env.LIVEKIT_PORT + 1],
    ['LIVEKIT_RTC_UDP_PORT', env.LIVEKIT_RTC_UDP_PORT ?? env.LIVEKIT_PORT + 2],
  ] as const;
  if (!url) {
    for (const [name, value] of livekitPorts) {
      if (value > 65535) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `derived port ${value} is above 65535`,
        });
      }
      if (value === env.PORT) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `is the same port as PORT (${value})`,
        });
      }
    }
  }
}

/** Where LiveKit runs: a child process of ours, or a server someone else runs. */
export type LivekitConfig =
  | {
      mode: 'embedded';
      /** Signal (HTTP/WebSocket) port. */
      port: number;
      rtcTcpPort: number;
      rtcUdpPort: number;
      /** The IP advertised to clients; loopback unless LIVEKIT_NODE_IP is set. */
      nodeIp: string;
      /** Addresses the child listens on. */
      bindAddresses: string[];
      binary: string | undefined;
      /** The URL handed to clients when they reach LiveKit through a proxy. */
      publicUrl: string | undefined;
    }
  | {
      mode: 'external';
      url: string;
      apiKey: string;
      apiSecret: string;
      publicUrl: string | undefined;
    };

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  logLevel: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  livekit: LivekitConfig;
  /** LiveKit access token lifetime in seconds. */
  tokenTtlSeconds: number;
  corsOrigins: string[];
  allowGuests: boolean;
  admin: { email: string; password: string } | undefined;
  shutdownTimeoutSeconds: number;
  reconcileIntervalSeconds: number;
  /** Whether X-Forwarded-For names the client (behind Caddy, nginx…); off by default. */
  trustProxy: boolean | string;
  inviteTtlSeconds: number;
  /** Scales every rate limit (benchmarks raise it; 1 in production). */
  rateLimitMultiplier: number;
  recording: RecordingConfig;
}

/** SPEC §4: how sessions are recorded. */
export interface RecordingConfig {
  /** `builtin`: a hidden participant of ours and ffmpeg; `egress`: LiveKit Egress. */
  backend: 'builtin' | 'egress';
  /** The built-in recorder's stage: its size and frame rate bound its CPU, with the preset. */
  width: number;
  height: number;
  fps: number;
  /** x264 preset: faster presets cost less CPU for a larger file. */
  preset: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium';
  /** x264 threads per recording. */
  threads: number;
  /** Built-in recordings this instance runs at once; more starts are refused with 503. */
  maxActive: number;
  /** ffmpeg to run; else the one on the PATH, else the one shipped in npm. */
  ffmpegPath: string | undefined;
  /** Where Egress writes files, as its container sees `DATA_DIR/recordings`. */
  egressDir: string | undefined;
  /** Egress uploads here instead when set. */
  s3:
    | {
        bucket: string;
        region: string | undefined;
        endpoint: string | undefined;
        accessKey: string;
        secret: string;
        forcePathStyle: boolean;
      }
    | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads `.env` in `cwd` when present; variables already in the environment win. */
export function readEnvFile(cwd: string): Env {
  const file = resolve(cwd, '.env');
  if (!existsSync(file)) return {};
  try {
    return parseEnv(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`.env: cannot be read (${(err as Error).message})`]);
  }
}

/** Validates the environment into a `Config`, or throws a `ConfigError` naming each bad variable. */
export function parseConfig(env: Env, cwd = process.cwd()): Config {
  const result = envSchema.superRefine(checkCombinations).safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || 'environment';
        const value = env[name];
        const secret = /SECRET|PASSWORD|KEY|TOKEN/.test(name);
        const shown = value === undefined || secret ? '' : ` (got "${value}")`;
        return `${name}: ${issue.message}${issue.message.includes('got "') ? '' : shown}`;
      }),
    );
  }
  const e = result.data;
  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(cwd, e.DATA_DIR);
  const externalUrl = e.LIVEKIT_URL ?? e.LIVEKIT_SERVER_URL;
  const nodeIp = e.LIVEKIT_NODE_IP ?? '127.0.0.1';
  const livekit: LivekitConfig =
    externalUrl && e.LIVEKIT_API_KEY && e.LIVEKIT_API_SECRET
      ? {
          mode: 'external',
          url: externalUrl,
          apiKey: e.LIVEKIT_API_KEY,
          apiSecret: e.LIVEKIT_API_SECRET,
          publicUrl: e.LIVEKIT_PUBLIC_URL,
        }
      : {
          mode: 'embedded',
          port: e.LIVEKIT_PORT,
          rtcTcpPort: e.LIVEKIT_RTC_TCP_PORT ?? e.LIVEKIT_PORT + 1,
          rtcUdpPort: e.LIVEKIT_RTC_UDP_PORT ?? e.LIVEKIT_PORT + 2,
          nodeIp,
          bindAddresses: e.LIVEKIT_NODE_IP ? ['0.0.0.0'] : ['127.0.0.1'],
          binary: e.LIVEKIT_SERVER_BIN,
          publicUrl: e.LIVEKIT_PUBLIC_URL,
        };
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    livekit,
    tokenTtlSeconds: e.LIVEKIT_TOKEN_TTL,
    corsOrigins: e.CORS_ORIGINS,
    allowGuests: e.ALLOW_GUESTS,
    admin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD }
        : undefined,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT,
    reconcileIntervalSeconds: e.RECONCILE_INTERVAL,
    trustProxy: e.TRUST_PROXY,
    inviteTtlSeconds: e.INVITE_TTL,
    rateLimitMultiplier: e.RATE_LIMIT_MULTIPLIER,
    recording: {
      backend: e.RECORDING_BACKEND,
      width: e.RECORDING_WIDTH,
      height: e.RECORDING_HEIGHT,
      fps: e.RECORDING_FPS,
      preset: e.RECORDING_PRESET,
      threads: e.RECORDING_THREADS,
      maxActive: e.RECORDING_MAX_ACTIVE,
      ffmpegPath: e.FFMPEG_PATH,
      egressDir: e.RECORDING_EGRESS_DIR,
      s3:
        e.RECORDING_S3_BUCKET && e.RECORDING_S3_ACCESS_KEY && e.RECORDING_S3_SECRET
          ? {
              bucket: e.RECORDING_S3_BUCKET,
              region: e.RECORDING_S3_REGION,
              endpoint: e.RECORDING_S3_ENDPOINT,
              accessKey: e.RECORDING_S3_ACCESS_KEY,
              secret: e.RECORDING_S3_SECRET,
              forcePathStyle: e.RECORDING_S3_FORCE_PATH_STYLE,
            }
          : undefined,
    },
  };
}

/** The process's configuration: `.env` in the working directory under the real environment. */
export function loadConfig(cwd = process.cwd()): Config {
  return parseConfig({ ...readEnvFile(cwd), ...process.env }, cwd);
}
