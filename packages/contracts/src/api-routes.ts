import { z } from 'zod';
import { adminStatsQuerySchema, adminStatsResponseSchema } from './admin-stats.js';
import { apiErrorResponses as errors, noContentSchema, route } from './api-route.js';
import {
  adminUpdateUserBodySchema,
  authResponseSchema,
  changePasswordBodySchema,
  guestBodySchema,
  loginBodySchema,
  meResponseSchema,
  registerBodySchema,
} from './auth.js';
import {
  adminRecordingsQuerySchema,
  adminRecordingsResponseSchema,
  adminUserResponseSchema,
  adminUsersQuerySchema,
  adminUsersResponseSchema,
} from './admin.js';
import { auditQuerySchema, auditResponseSchema } from './audit.js';
import { checkTokenResponseSchema } from './check.js';
import { embedOptionsSchema } from './embed.js';
import { errorBodySchema } from './errors.js';
import { healthSchema, readinessSchema } from './health.js';
import { lobbyRoutes } from './lobby-routes.js';
import { ingestRoutes } from './ingest-routes.js';
import { classroomRoutes } from './classroom-routes.js';
import { sessionRoutes } from './session-routes.js';
import {
  authOptionsSchema,
  jwtHandoffQuerySchema,
  oidcCallbackQuerySchema,
  oidcStartQuerySchema,
} from './sso.js';
import { recordingIdParamsSchema } from './recordings.js';
import {
  createWebhookBodySchema,
  updateWebhookBodySchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveriesResponseSchema,
  webhookDeliveryParamsSchema,
  webhookDeliveryResponseSchema,
  webhookIdParamsSchema,
  webhookListResponseSchema,
  webhookResponseSchema,
  webhookSecretResponseSchema,
} from './webhooks-out.js';

/** `PATCH /api/v1/admin/users/:user_id`. */
export const userIdParamsSchema = z.object({ user_id: z.string().min(1).max(100) });

const webhooks = '/api/v1/admin/webhooks';
const webhook = `${webhooks}/:webhook_id`;

/** Every route of the API (SPEC §2–§4), by name. */
export const apiRoutes = {
  // operations
  health: route({
    method: 'GET',
    path: '/healthz',
    tags: ['operations'],
    response: { 200: healthSchema },
  }),
  readiness: route({
    method: 'GET',
    path: '/readyz',
    tags: ['operations'],
    response: { 200: readinessSchema, 503: readinessSchema },
  }),
  /**
   * Prometheus text format, so no JSON answer schema; loopback clients, or
   * `Authorization: Bearer $METRICS_TOKEN` (401 otherwise).
   */
  metrics: route({
    method: 'GET',
    path: '/metrics',
    tags: ['operations'],
  }),

  // auth
  register: route({
    method: 'POST',
    path: '/api/v1/auth/register',
    tags: ['auth'],
    body: registerBodySchema,
    response: { 201: authResponseSchema, ...errors },
  }),
  login: route({
    method: 'POST',
    path: '/api/v1/auth/login',
    tags: ['auth'],
    body: loginBodySchema,
    response: { 200: authResponseSchema, ...errors },
  }),
  guest: route({
    method: 'POST',
    path: '/api/v1/auth/guest',
    tags: ['auth'],
    body: guestBodySchema,
    response: { 201: authResponseSchema, ...errors },
  }),
  me: route({
    method: 'GET',
    path: '/api/v1/auth/me',
    tags: ['auth'],
    response: { 200: meResponseSchema, 401: errorBodySchema },
  }),
  logout: route({
    method: 'POST',
    path: '/api/v1/auth/logout',
    tags: ['auth'],
    response: { 204: noContentSchema, 401: errorBodySchema },
  }),
  changePassword: route({
    method: 'POST',
    path: '/api/v1/auth/password',
    tags: ['auth'],
    body: changePasswordBodySchema,
    response: { 200: authResponseSchema, ...errors },
  }),
  authOptions: route({
    method: 'GET',
    path: '/api/v1/auth/options',
    tags: ['auth'],
    response: { 200: authOptionsSchema },
  }),

  // sign-in through the host site (issue 14): browser navigations answered with a 303, or a
  // page (JSON with `Accept: application/json`) saying why they were refused
  /** Verifies the host site's JWT once, sets the session cookie, redirects to a same-origin `next`. */
  jwtHandoff: route({
    method: 'GET',
    path: '/auth/jwt',
    tags: ['sso'],
    querystring: jwtHandoffQuerySchema,
  }),
  /** Sends the browser to the OpenID provider (authorization code with PKCE, state and nonce). */
  oidcStart: route({
    method: 'GET',
    path: '/auth/oidc/start',
    tags: ['sso'],
    querystring: oidcStartQuerySchema,
  }),
  /** Where the OpenID provider sends the browser back. */
  oidcCallback: route({
    method: 'GET',
    path: '/auth/oidc/callback',
    tags: ['sso'],
    querystring: oidcCallbackQuerySchema,
  }),
  updateUser: route({
    method: 'PATCH',
    path: '/api/v1/admin/users/:user_id',
    tags: ['admin'],
    params: userIdParamsSchema,
    body: adminUpdateUserBodySchema,
    response: { 200: meResponseSchema, ...errors, 404: errorBodySchema },
  }),
  /** The admin page's cards (now) and charts (the samples of the range). */
  adminStats: route({
    method: 'GET',
    path: '/api/v1/admin/stats',
    tags: ['admin'],
    querystring: adminStatsQuerySchema,
    response: { 200: adminStatsResponseSchema, ...errors },
  }),

  ...sessionRoutes,
  ...lobbyRoutes,
  ...ingestRoutes,
  ...classroomRoutes,

  // operations: the audit log (issue 12)
  auditLog: route({
    method: 'GET',
    path: '/api/v1/admin/audit',
    tags: ['admin'],
    querystring: auditQuerySchema,
    response: { 200: auditResponseSchema, ...errors },
  }),
  // connection check (`/check`), open to anyone: rate-limited per client address
  checkToken: route({
    method: 'POST',
    path: '/api/v1/check/token',
    tags: ['check'],
    response: { 200: checkTokenResponseSchema, ...errors },
  }),

  // the admin page (issue 12): accounts and every session's recordings
  adminUsers: route({
    method: 'GET',
    path: '/api/v1/admin/users',
    tags: ['admin'],
    querystring: adminUsersQuerySchema,
    response: { 200: adminUsersResponseSchema, ...errors },
  }),
  /** Revokes every token of the account and removes it from every room; not one's own. */
  disableUser: route({
    method: 'POST',
    path: '/api/v1/admin/users/:user_id/disable',
    tags: ['admin'],
    params: userIdParamsSchema,
    response: { 200: adminUserResponseSchema, ...errors },
  }),
  enableUser: route({
    method: 'POST',
    path: '/api/v1/admin/users/:user_id/enable',
    tags: ['admin'],
    params: userIdParamsSchema,
    response: { 200: adminUserResponseSchema, ...errors },
  }),
  adminRecordings: route({
    method: 'GET',
    path: '/api/v1/admin/recordings',
    tags: ['admin'],
    querystring: adminRecordingsQuerySchema,
    response: { 200: adminRecordingsResponseSchema, ...errors },
  }),
  /** The session's owner or an admin; not while it is being made (409 `recording_in_progress`). */
  deleteRecording: route({
    method: 'DELETE',
    path: '/api/v1/recordings/:recording_id',
    tags: ['recordings'],
    params: recordingIdParamsSchema,
    response: { 204: noContentSchema, ...errors },
  }),

  /** What the embedded room needs of this server (`EMBED_ORIGINS`); open to anyone. */
  embedOptions: route({
    method: 'GET',
    path: '/api/v1/embed/options',
    tags: ['embed'],
    response: { 200: embedOptionsSchema },
  }),

  // webhooks out to the host site (issue 14), admins only
  listWebhooks: route({
    method: 'GET',
    path: webhooks,
    tags: ['webhooks'],
    response: { 200: webhookListResponseSchema, ...errors },
  }),
  /** The secret is in this answer only (and in a rotation's). */
  createWebhook: route({
    method: 'POST',
    path: webhooks,
    tags: ['webhooks'],
    body: createWebhookBodySchema,
    response: { 201: webhookSecretResponseSchema, ...errors },
  }),
  updateWebhook: route({
    method: 'PATCH',
    path: webhook,
    tags: ['webhooks'],
    params: webhookIdParamsSchema,
    body: updateWebhookBodySchema,
    response: { 200: webhookResponseSchema, ...errors },
  }),
  /** Its pending deliveries go with it. */
  deleteWebhook: route({
    method: 'DELETE',
    path: webhook,
    tags: ['webhooks'],
    params: webhookIdParamsSchema,
    response: { 204: noContentSchema, ...errors },
  }),
  rotateWebhookSecret: route({
    method: 'POST',
    path: `${webhook}/rotate-secret`,
    tags: ['webhooks'],
    params: webhookIdParamsSchema,
    response: { 200: webhookSecretResponseSchema, ...errors },
  }),
  webhookDeliveries: route({
    method: 'GET',
    path: `${webhook}/deliveries`,
    tags: ['webhooks'],
    params: webhookIdParamsSchema,
    querystring: webhookDeliveriesQuerySchema,
    response: { 200: webhookDeliveriesResponseSchema, ...errors },
  }),
  /** Sends the same event (same `webhook-id`) again now, with a new 24 h of retries. */
  replayWebhookDelivery: route({
    method: 'POST',
    path: `${webhook}/deliveries/:delivery_id/replay`,
    tags: ['webhooks'],
    params: webhookDeliveryParamsSchema,
    response: { 200: webhookDeliveryResponseSchema, ...errors },
  }),

  /** LiveKit's signed webhooks: the raw body is verified, so no body schema. */
  livekitWebhook: route({
    method: 'POST',
    path: '/api/livekit/webhook',
    tags: ['livekit'],
    hide: true,
  }),
} as const;

export type ApiRoutes = typeof apiRoutes;
export type ApiRouteName = keyof ApiRoutes;
