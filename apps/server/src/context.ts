import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { LivekitRuntime } from './livekit/runtime.js';

/** What every module gets: settings, the database and the LiveKit handle. */
export interface AppContext {
  config: Config;
  database: Database;
  livekit: LivekitRuntime;
  logger: Logger;
}
