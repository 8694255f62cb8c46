import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { WebhookEventOf, WebhookEventType } from '@stagecast/contracts';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { webhookEndpoints } from '../../db/schema.js';
import { deliveryRepository } from './delivery-repository.js';
import { RETRY_WINDOW_MS } from './retry-policy.js';

/**
 * Tells this process's delivery workers that events were queued, so they need not wait for
 * their next poll. Only a hint: the emitting transaction may not have committed yet, and other
 * instances' workers find the rows at their own poll.
 */
export const queuedSignal = new EventEmitter();
queuedSignal.setMaxListeners(0);

/** A new event id in the Standard Webhooks style (`msg_…`). */
export const newEventId = () => `msg_${randomUUID().replaceAll('-', '')}`;

/**
 * Queues the event `type` for every enabled endpoint that receives it, on `db`: pass the
 * transaction of the change that caused it, so that the event exists exactly when the change
 * does. `data` is only computed when some endpoint wants the event.
 */
export async function emitWebhookEvent<T extends WebhookEventType>(
  db: Db,
  type: T,
  data: () => WebhookEventOf<T>['data'] | Promise<WebhookEventOf<T>['data']>,
  at = new Date(),
): Promise<void> {
  const endpoints = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.enabled, true),
        or(isNull(webhookEndpoints.eventTypes), sql`${type} = any(${webhookEndpoints.eventTypes})`),
      ),
    );
  if (endpoints.length === 0) return;
  const event = { type, timestamp: at.toISOString(), data: await data() };
  const payload = JSON.stringify(event);
  const eventId = newEventId();
  const giveUpAt = new Date(at.getTime() + RETRY_WINDOW_MS);
  await deliveryRepository(db).insert(
    endpoints.map((endpoint) => ({
      endpointId: endpoint.id,
      eventId,
      eventType: type,
      payload,
      nextAttemptAt: at,
      giveUpAt,
      createdAt: at,
    })),
  );
  queuedSignal.emit('queued');
}
