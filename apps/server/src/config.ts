import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { accessArea, accessEnv, checkAccess, toAccessSettings } from './config/access.js';
import type { AccessSettings } from './config/access.js';
import { attendanceArea, attendanceEnv, toAttendanceSettings } from './config/attendance.js';
import type { AttendanceSettings } from './config/attendance.js';
import { embedArea, embedEnv, toEmbedSettings } from './config/embed.js';
import type { EmbedSettings } from './config/embed.js';
import { databaseArea, databaseEnv, toDatabaseSettings } from './config/database.js';
import type { DatabaseSettings } from './config/database.js';
import type { Env, SettingsArea } from './config/fields.js';
import { checkLivekit, livekitArea, livekitEnv, toLivekitSettings } from './config/livekit.js';
import type { LivekitSettings } from './config/livekit.js';
import { checkProduction } from './config/production.js';
import { operationsArea, operationsEnv, toOperationsSettings } from './config/operations.js';
import type { OperationsSettings } from './config/operations.js';
import {
  checkRecording,
  recordingArea,
  recordingEnv,
  toRecordingSettings,
} from './config/recording.js';
import type { RecordingSettings } from './config/recording.js';
import { serverArea, serverEnv, toServerSettings } from './config/server.js';
import type { ServerSettings } from './config/server.js';
import { checkSso, ssoArea, ssoEnv, toSsoSettings } from './config/sso.js';
import type { SsoSettings } from './config/sso.js';
import { toWebhooksSettings, webhooksArea, webhooksEnv } from './config/webhooks.js';
import type { WebhooksSettings } from './config/webhooks.js';

/**
 * Every setting of the server (SPEC §1), validated once at start. This is the only module that
 * reads `process.env`; everything else receives a `Config`. The variables are declared by area
 * in `config/`; this file composes them.
 */

export { parseDurationSeconds } from './config/fields.js';
export type { SettingsArea } from './config/fields.js';
export type { LivekitConfig } from './config/livekit.js';
export type { RecordingConfig } from './config/recording.js';
export type { JwtAuthConfig, OidcConfig } from './config/sso.js';
export { productionWarnings, sendsHsts } from './config/production.js';
export type { ConfigWarning } from './config/production.js';

/** The areas of settings in README's order, each with the variables it reads. */
export const CONFIG_AREAS: readonly SettingsArea[] = [
  serverArea,
  databaseArea,
  livekitArea,
  accessArea,
  recordingArea,
  attendanceArea,
  operationsArea,
  ssoArea,
  webhooksArea,
  embedArea,
];

const envSchema = z
  .object({
    ...serverEnv,
    ...databaseEnv,
    ...livekitEnv,
    ...accessEnv,
    ...recordingEnv,
    ...attendanceEnv,
    ...operationsEnv,
    ...ssoEnv,
    ...webhooksEnv,
    ...embedEnv,
  })
  .superRefine((env, ctx) => {
    checkLivekit(env, ctx);
    checkAccess(env, ctx);
    checkRecording(env, ctx);
    checkSso(env, ctx);
    // Across areas: what a server reached from elsewhere needs (https, LiveKit's address).
    checkProduction(env, ctx);
  });

/** Every setting, validated and derived (ports, URLs, absolute folders), by area. */
export interface Config
  extends
    ServerSettings,
    DatabaseSettings,
    LivekitSettings,
    AccessSettings,
    RecordingSettings,
    AttendanceSettings,
    OperationsSettings,
    SsoSettings,
    WebhooksSettings,
    EmbedSettings {}

/** A bad environment: one line per problem, each naming its variable (secrets never shown). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

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
  const result = envSchema.safeParse(env);
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
  return {
    ...toServerSettings(e, cwd),
    ...toDatabaseSettings(e),
    ...toLivekitSettings(e),
    ...toAccessSettings(e),
    ...toRecordingSettings(e),
    ...toAttendanceSettings(e),
    ...toOperationsSettings(e),
    ...toSsoSettings(e),
    ...toWebhooksSettings(e),
    ...toEmbedSettings(e),
  };
}

/** The process's configuration: `.env` in the working directory under the real environment. */
export function loadConfig(cwd = process.cwd()): Config {
  return parseConfig({ ...readEnvFile(cwd), ...process.env }, cwd);
}
