import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { deliveryRepository } from './delivery-repository.js';
import type { DeliveryRow } from './delivery-repository.js';
import { queuedSignal } from './emit-event.js';
import { endpointRepository } from './endpoint-repository.js';
import { DEFAULT_RETRY_POLICY, nextAttemptAt } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';
import { signingSecrets } from './secrets.js';
import { sendWebhook } from './send-webhook.js';
import type { AttemptResult } from './send-webhook.js';
import type { TargetRules } from './target-address.js';

const DATABASE_PAUSE_MS = 5_000;
/** The delivery log keeps finished deliveries this long. */
export const LOG_RETENTION_MS = 30 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

/** How the worker runs; the defaults are production's, tests shorten the delays. */
export interface DeliveryWorkerOptions {
  db: Db;
  logger: Logger;
  rules: TargetRules;
  retry?: Partial<RetryPolicy>;
  /** How often due deliveries are looked for (besides the hint an emit gives). */
  pollMs?: number;
  /** One attempt's limit, connection and answer included. */
  timeoutMs?: number;
  /** Deliveries attempted at once. */
  batch?: number;
  /** How long a claimed delivery is left to its attempt before anyone may take it again. */
  leaseMs?: number;
  random?: () => number;
}

/**
 * Delivers the queued webhooks: claims due rows (every instance runs one; SKIP LOCKED and the
 * lease keep them from taking the same row), posts each, and writes the outcome: delivered on a
 * 2xx, otherwise the next attempt by the retry policy, or failed once its window is over.
 */
export function deliveryWorker(options: DeliveryWorkerOptions) {
  const { db, logger, rules } = options;
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const pollMs = options.pollMs ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batch = options.batch ?? 10;
  const leaseMs = options.leaseMs ?? Math.max(60_000, timeoutMs * 3);
  const deliveries = deliveryRepository(db);
  const endpoints = endpointRepository(db);
  let stopping = new AbortController();

  async function attempt(row: DeliveryRow): Promise<void> {
    const endpoint = await endpoints.find(row.endpointId);
    if (!endpoint) return; // deleted meanwhile: its rows went with it
    const result: AttemptResult = await sendWebhook({
      url: endpoint.url,
      eventId: row.eventId,
      body: row.payload,
      secrets: signingSecrets(endpoint),
      rules,
      timeoutMs,
      signal: stopping.signal,
    });
    const at = new Date();
    const next = result.ok
      ? undefined
      : nextAttemptAt({
          failedAttempts: row.attempts,
          now: at,
          giveUpAt: row.giveUpAt,
          policy,
          random: options.random,
        });
    const status = result.ok ? 'delivered' : next ? 'pending' : 'failed';
    await deliveries.recordAttempt(row.id, {
      status,
      statusCode: result.statusCode,
      error: result.error,
      nextAttemptAt: next ?? null,
      at,
    });
    // The endpoint's id, never its URL (a query string may hold the receiver's own token).
    const line = {
      webhook: endpoint.id,
      delivery: row.id,
      event: row.eventId,
      type: row.eventType,
      attempt: row.attempts,
      statusCode: result.statusCode,
    };
    if (status === 'delivered') logger.debug(line, 'webhook delivered');
    else if (status === 'failed')
      logger.warn({ ...line, error: result.error }, 'webhook failed: giving up');
    else logger.info({ ...line, error: result.error, next }, 'webhook attempt failed');
  }

  let prunedAt = 0;
  /** Now and then, the log's finished rows past their retention go (any instance may). */
  async function pruneLog(): Promise<void> {
    if (Date.now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = Date.now();
    const pruned = await deliveries.prune(new Date(Date.now() - LOG_RETENTION_MS));
    if (pruned > 0) logger.info({ pruned }, 'webhook delivery log pruned');
  }

  /** One round: claims a batch and attempts it; returns how many were claimed. */
  async function runOnce(): Promise<number> {
    await pruneLog();
    const claimed = await deliveries.claimDue(new Date(), batch, leaseMs);
    await Promise.all(
      claimed.map((row) =>
        attempt(row).catch((err: unknown) =>
          logger.error({ err, delivery: row.id }, 'webhook attempt could not be recorded'),
        ),
      ),
    );
    return claimed.length;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  /** After the database failed us: no polling before this (ms since the epoch). */
  let pausedUntil = 0;

  /** Rounds until nothing is due; a hint while one runs asks for one more. */
  function pump(): void {
    if (stopped || Date.now() < pausedUntil) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          while ((await runOnce()) === batch && !stopped);
        } catch (err) {
          // The database is away: the rows wait there, and the requests that need it get its
          // connections rather than this loop.
          pausedUntil = Date.now() + DATABASE_PAUSE_MS;
          logger.warn({ err }, 'webhook deliveries could not be read: trying again in 5 s');
          return;
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  }
  // The emitting transaction commits just after its hint: look a moment later.
  const onQueued = () => setTimeout(pump, 20).unref();

  return {
    runOnce,
    start() {
      stopped = false;
      stopping = new AbortController();
      queuedSignal.on('queued', onQueued);
      timer = setInterval(pump, pollMs);
      timer.unref();
      pump();
    },
    /** Stops polling; attempts under way are cut short, each a failed attempt retried later. */
    async stop() {
      stopped = true;
      queuedSignal.off('queued', onQueued);
      if (timer) clearInterval(timer);
      stopping.abort();
      await running;
    },
  };
}
export type DeliveryWorker = ReturnType<typeof deliveryWorker>;
