import type { z } from 'zod';
import { settingsArea, urlWithProtocols } from './fields.js';

/** Where state lives: PostgreSQL instead of the embedded PGlite, Redis for several instances. */
export const databaseEnv = {
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']),
};

export const databaseArea = settingsArea('Database', databaseEnv);

type DatabaseEnv = z.infer<z.ZodObject<typeof databaseEnv>>;

/** The database's part of `Config`. */
export interface DatabaseSettings {
  /** Unset: PGlite in `DATA_DIR`. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
}

export function toDatabaseSettings(env: DatabaseEnv): DatabaseSettings {
  return { databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL };
}
