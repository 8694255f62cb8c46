import { z } from 'zod';
import { adminStatsQuerySchema, adminStatsResponseSchema } from './admin-stats.js';
import { noContentSchema, route, routeGroup } from './api-route.js';
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

const auth = routeGroup('auth', '/api/v1/auth');
const sso = routeGroup('sso', '/auth');
const admin = routeGroup('admin', '/api/v1/admin');
const adminUser = { params: userIdParamsSchema };
const webhooks = routeGroup('webhooks', '/api/v1/admin/webhooks');
const webhook = routeGroup('webhooks', '/api/v1/admin/webhooks/:webhook_id', {
  params: webhookIdParamsSchema,
});

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
  register: auth.post('/register', { 201: authResponseSchema }, { body: registerBodySchema }),
  login: auth.post('/login', { 200: authResponseSchema }, { body: loginBodySchema }),
  guest: auth.post('/guest', { 201: authResponseSchema }, { body: guestBodySchema }),
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
  changePassword: auth.post(
    '/password',
    { 200: authResponseSchema },
    { body: changePasswordBodySchema },
  ),
  authOptions: route({
    method: 'GET',
    path: '/api/v1/auth/options',
    tags: ['auth'],
    response: { 200: authOptionsSchema },
  }),

  // sign-in through the host site (issue 14): browser navigations answered with a 303, or a
  // page (JSON with `Accept: application/json`) saying why they were refused
  /** Verifies the host site's JWT once, sets the session cookie, redirects to a same-origin `next`. */
  jwtHandoff: sso.get('/jwt', null, { querystring: jwtHandoffQuerySchema }),
  /** Sends the browser to the OpenID provider (authorization code with PKCE, state and nonce). */
  oidcStart: sso.get('/oidc/start', null, { querystring: oidcStartQuerySchema }),
  /** Where the OpenID provider sends the browser back. */
  oidcCallback: sso.get('/oidc/callback', null, { querystring: oidcCallbackQuerySchema }),
  updateUser: admin.patch(
    '/users/:user_id',
    { 200: meResponseSchema },
    { ...adminUser, body: adminUpdateUserBodySchema },
  ),
  /** The admin page's cards (now) and charts (the samples of the range). */
  adminStats: admin.get(
    '/stats',
    { 200: adminStatsResponseSchema },
    { querystring: adminStatsQuerySchema },
  ),

  ...sessionRoutes,
  ...lobbyRoutes,
  ...ingestRoutes,
  ...classroomRoutes,

  // operations: the audit log (issue 12)
  auditLog: admin.get('/audit', { 200: auditResponseSchema }, { querystring: auditQuerySchema }),
  // connection check (`/check`), open to anyone: rate-limited per client address
  checkToken: routeGroup('check', '/api/v1/check').post('/token', {
    200: checkTokenResponseSchema,
  }),

  // the admin page (issue 12): accounts and every session's recordings
  adminUsers: admin.get(
    '/users',
    { 200: adminUsersResponseSchema },
    { querystring: adminUsersQuerySchema },
  ),
  /** Revokes every token of the account and removes it from every room; not one's own. */
  disableUser: admin.post('/users/:user_id/disable', { 200: adminUserResponseSchema }, adminUser),
  enableUser: admin.post('/users/:user_id/enable', { 200: adminUserResponseSchema }, adminUser),
  adminRecordings: admin.get(
    '/recordings',
    { 200: adminRecordingsResponseSchema },
    { querystring: adminRecordingsQuerySchema },
  ),
  /** The session's owner or an admin; not while it is being made (409 `recording_in_progress`). */
  deleteRecording: routeGroup('recordings', '/api/v1/recordings/:recording_id').delete(
    '',
    { 204: noContentSchema },
    { params: recordingIdParamsSchema },
  ),

  /** What the embedded room needs of this server (`EMBED_ORIGINS`); open to anyone. */
  embedOptions: route({
    method: 'GET',
    path: '/api/v1/embed/options',
    tags: ['embed'],
    response: { 200: embedOptionsSchema },
  }),

  // webhooks out to the host site (issue 14), admins only
  listWebhooks: webhooks.get('', { 200: webhookListResponseSchema }),
  /** The secret is in this answer only (and in a rotation's). */
  createWebhook: webhooks.post(
    '',
    { 201: webhookSecretResponseSchema },
    { body: createWebhookBodySchema },
  ),
  updateWebhook: webhook.patch(
    '',
    { 200: webhookResponseSchema },
    { body: updateWebhookBodySchema },
  ),
  /** Its pending deliveries go with it. */
  deleteWebhook: webhook.delete('', { 204: noContentSchema }),
  rotateWebhookSecret: webhook.post('/rotate-secret', { 200: webhookSecretResponseSchema }),
  webhookDeliveries: webhook.get(
    '/deliveries',
    { 200: webhookDeliveriesResponseSchema },
    { querystring: webhookDeliveriesQuerySchema },
  ),
  /** Sends the same event (same `webhook-id`) again now, with a new 24 h of retries. */
  replayWebhookDelivery: webhook.post(
    '/deliveries/:delivery_id/replay',
    { 200: webhookDeliveryResponseSchema },
    { params: webhookDeliveryParamsSchema },
  ),

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
