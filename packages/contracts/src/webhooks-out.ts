import { z } from 'zod';
import { participantSchema } from './participants.js';
import { recordingSchema } from './recordings.js';
import { sessionSchema } from './sessions.js';
import { olderPageAnswer, olderPageQuery, positiveId } from './paging.js';

/**
 * Webhooks out (issue 14): what Stagecast posts to the host site's endpoints, per the Standard
 * Webhooks spec (https://www.standardwebhooks.com): headers `webhook-id` (the event id, the
 * same on every retry), `webhook-timestamp` (seconds, the time of this attempt) and
 * `webhook-signature` (`v1,<base64 HMAC-SHA256>` with the endpoint's `whsec_…` secret), and a
 * JSON body `{type, timestamp, data}`. A receiver verifies the signature, then parses the body
 * with `webhookEventSchema` to type it.
 */

/** Every event type, in the order the docs list them. */
export const webhookEventTypeSchema = z.enum([
  'session.scheduled',
  'session.started',
  'session.ended',
  'participant.joined',
  'participant.left',
  'recording.ready',
  'recording.failed',
]);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = webhookEventTypeSchema.options;

/** A participant as `GET …/participants` lists it, with the session it is in. */
export const webhookParticipantSchema = participantSchema.extend({ session_id: z.string() });
export type WebhookParticipant = z.infer<typeof webhookParticipantSchema>;

const event = <const T extends WebhookEventType, D extends z.ZodType>(type: T, data: D) =>
  z.object({
    type: z.literal(type),
    /** When it happened (ISO 8601); `webhook-timestamp` is when this attempt was sent. */
    timestamp: z.string(),
    data,
  });

/**
 * The body of every webhook: `data` is the session (`session.*`, as `GET /api/v1/live/sessions/
 * {id}` shows it), the participant with its `session_id` (`participant.*`), or the recording
 * (`recording.*`, as `GET …/recordings` lists it), each as it was when the event happened.
 */
export const webhookEventSchema = z.discriminatedUnion('type', [
  event('session.scheduled', sessionSchema),
  event('session.started', sessionSchema),
  event('session.ended', sessionSchema),
  event('participant.joined', webhookParticipantSchema),
  event('participant.left', webhookParticipantSchema),
  event('recording.ready', recordingSchema),
  event('recording.failed', recordingSchema),
]);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
/** The event of one type: `WebhookEventOf<'session.started'>['data']` is a `Session`. */
export type WebhookEventOf<T extends WebhookEventType> = Extract<WebhookEvent, { type: T }>;

// The endpoints admins manage: /api/v1/admin/webhooks

const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute http:// or https:// URL' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// URL' });
    } else if (url.username || url.password) {
      // It would be shown in every listing; receivers authenticate us by the signature.
      ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
    } else if (url.hash) {
      ctx.addIssue({ code: 'custom', message: 'must not contain a #fragment' });
    }
  });

/** The event types an endpoint receives: a non-empty list, or null for all (future ones too). */
const eventTypesSchema = z
  .array(webhookEventTypeSchema)
  .min(1, 'must name at least one event type, or be null for all')
  .transform((types) => [...new Set(types)])
  .nullable();

export const webhookIdParamsSchema = z.object({
  webhook_id: z.uuid({ message: 'must be a webhook id (a UUID)' }),
});

export const webhookEndpointSchema = z.object({
  webhook_id: z.string(),
  url: z.string(),
  description: z.string(),
  /** null: every event type, including types added later. */
  event_types: z.array(webhookEventTypeSchema).nullable(),
  enabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const createWebhookBodySchema = z.object({
  url: webhookUrlSchema,
  description: z.string().trim().max(500, 'must be at most 500 characters').default(''),
  event_types: eventTypesSchema.default(null),
  enabled: z.boolean().default(true),
});
export type CreateWebhookBody = z.input<typeof createWebhookBodySchema>;

export const updateWebhookBodySchema = z
  .object({
    url: webhookUrlSchema,
    description: z.string().trim().max(500, 'must be at most 500 characters'),
    event_types: eventTypesSchema,
    enabled: z.boolean(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });

export const webhookListResponseSchema = z.object({ webhooks: z.array(webhookEndpointSchema) });
export const webhookResponseSchema = z.object({ webhook: webhookEndpointSchema });

/**
 * Creation and rotation answers: the signing secret, `whsec_` + base64 of 32 random bytes, is
 * shown here once and never again. After a rotation the previous secret also signs (a second
 * `v1,…` in `webhook-signature`) until `previous_secret_expires_at`, so receivers can switch.
 */
export const webhookSecretResponseSchema = z.object({
  webhook: webhookEndpointSchema,
  secret: z.string(),
  previous_secret_expires_at: z.string().nullable(),
});

// Its delivery log

export const webhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatusSchema>;

export const webhookDeliverySchema = z.object({
  delivery_id: z.number(),
  /** The `webhook-id` header: the same on every attempt and replay of this event. */
  event_id: z.string(),
  event_type: webhookEventTypeSchema,
  /** pending: to be tried (again) at `next_attempt_at`; failed: given up after 24 h. */
  status: webhookDeliveryStatusSchema,
  attempts: z.number(),
  /** The HTTP status of the last attempt; null when it got no answer (refused, timed out…). */
  last_status_code: z.number().nullable(),
  /** Why the last attempt failed (a 3xx is a failure: redirects are not followed). */
  last_error: z.string().nullable(),
  last_attempt_at: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
  /**
   * The body posted, `{type, timestamp, data}` (a `WebhookEvent` of its time: kept as it was
   * sent, so `data` is not held to today's schemas).
   */
  payload: z.object({
    type: webhookEventTypeSchema,
    timestamp: z.string(),
    data: z.record(z.string(), z.unknown()),
  }),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveriesQuerySchema = z.object({
  status: webhookDeliveryStatusSchema.optional(),
  ...olderPageQuery(positiveId('must be a delivery id')),
});

export const webhookDeliveriesResponseSchema = z.object({
  /** Newest first. */
  deliveries: z.array(webhookDeliverySchema),
  ...olderPageAnswer,
});

export const webhookDeliveryParamsSchema = webhookIdParamsSchema.extend({
  delivery_id: positiveId('must be a delivery id'),
});

export const webhookDeliveryResponseSchema = z.object({ delivery: webhookDeliverySchema });
