import type { WebhookDelivery, WebhookEndpoint, WebhookEventType } from '@stagecast/contracts';
import type { DeliveryRow } from './delivery-repository.js';
import type { EndpointRow } from './endpoint-repository.js';

/** An endpoint as the API shows it: never its secrets. */
export function toEndpointDto(row: EndpointRow): WebhookEndpoint {
  return {
    webhook_id: row.id,
    url: row.url,
    description: row.description,
    event_types: (row.eventTypes as WebhookEventType[] | null) ?? null,
    enabled: row.enabled,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A delivery as the log shows it, with the body that was (or will be) posted. */
export function toDeliveryDto(row: DeliveryRow): WebhookDelivery {
  return {
    delivery_id: row.id,
    event_id: row.eventId,
    event_type: row.eventType as WebhookEventType,
    status: row.status,
    attempts: row.attempts,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    last_attempt_at: iso(row.lastAttemptAt),
    next_attempt_at: iso(row.nextAttemptAt),
    delivered_at: iso(row.deliveredAt),
    created_at: row.createdAt.toISOString(),
    // Written by `emitWebhookEvent` as `{type, timestamp, data}`.
    payload: JSON.parse(row.payload) as WebhookDelivery['payload'],
  };
}
