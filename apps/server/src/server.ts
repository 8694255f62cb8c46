import { pino } from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, productionWarnings } from './config.js';
import type { Config } from './config.js';
import { openDatabase } from './db/client.js';
import type { Database } from './db/client.js';
import { startLivekit } from './livekit/index.js';
import type { LivekitRuntime } from './livekit/index.js';
import { loggerOptions } from './logger.js';

/**
 * The process: configuration, database (migrated), LiveKit (embedded child or external), the
 * HTTP server, and a graceful shutdown that drains requests first, then stops LiveKit.
 */

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

const config = readConfig();
const logger = pino(loggerOptions(config.logLevel));
for (const warning of productionWarnings(config)) {
  logger.warn({ variable: warning.variable }, `WARNING: ${warning.message}`);
}
const started = performance.now();

let database: Database | undefined;
let livekit: LivekitRuntime | undefined;

async function stopDependencies(): Promise<void> {
  await livekit?.stop().catch((err: unknown) => logger.error({ err }, 'stopping LiveKit failed'));
  await database
    ?.close()
    .catch((err: unknown) => logger.error({ err }, 'closing the database failed'));
}

try {
  database = await openDatabase(config);
  await database.migrate();
  logger.info({ database: database.kind }, 'database ready');
  livekit = await startLivekit(config, logger);
} catch (err) {
  logger.fatal({ err }, 'start failed');
  await stopDependencies();
  process.exit(1);
}

const app = await buildApp({ config, logger, database, livekit });
app.server.keepAliveTimeout = 65_000;
app.server.requestTimeout = 30_000;

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) {
    logger.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  shuttingDown = true;
  logger.info({ signal }, 'shutting down: draining requests');
  const force = setTimeout(() => {
    logger.error('shutdown took too long: exiting');
    process.exit(1);
  }, config.shutdownTimeoutSeconds * 1000);
  force.unref();
  await app.close().catch((err: unknown) => logger.error({ err }, 'closing HTTP failed'));
  await stopDependencies();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  await app.listen({ port: config.port, host: config.host });
} catch (err) {
  logger.fatal({ err, port: config.port }, 'cannot listen');
  await stopDependencies();
  process.exit(1);
}
logger.info(
  {
    url: config.publicUrl,
    livekit: livekit.mode,
    livekitUrl: livekit.clientUrl,
    database: database.kind,
    startupMs: Math.round(performance.now() - started),
  },
  `Stagecast is ready: open ${config.publicUrl}/live`,
);
