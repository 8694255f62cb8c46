import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { LivekitRuntime } from './livekit/runtime.js';
import type { Authenticator } from './modules/auth/authenticator.js';
import type { LobbyService } from './modules/lobby/lobby-service.js';
import type { SessionAccessCache } from './modules/sessions/session-repository.js';
import type { RateLimits } from './plugins/rate-limit.js';

/** What every module gets: settings, the database and the LiveKit handle. */
export interface AppContext {
  config: Config;
  database: Database;
  livekit: LivekitRuntime;
  logger: Logger;
  /** Recent session access answers, dropped on every write (see access-cache.ts). */
  accessCache?: SessionAccessCache;
  /** The waiting room's rows, event bus and moderator notices (issue 15). */
  lobby?: LobbyService;
  /** Set by modules that act on session events (recordings); absent in tests that need none. */
  hooks?: AppHooks;
}

/** What `app.ts` gives every module's routes plugin. */
export interface ModuleRouteOptions {
  ctx: AppContext;
  auth: Authenticator;
  limits: RateLimits;
}

/**
 * What other modules do when a session goes live, ends or is deleted, and on each reconcile
 * pass.
 */
export interface AppHooks {
  sessionLive?(session: { sessionId: string; isRecorded: boolean }): Promise<void>;
  sessionEnded?(session: { sessionId: string }): Promise<void>;
  /** Just before the session's row (and with it its participants and chat) is deleted. */
  sessionDeleting?(session: { sessionId: string }): Promise<void>;
  /**
   * `all` on the instance that runs the reconcile passes; `own` on the others, which look only
   * at what runs on them (their built-in recorders).
   */
  reconcile?(scope: 'all' | 'own'): Promise<void>;
}
