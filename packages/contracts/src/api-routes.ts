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
import { auditQuerySchema, auditResponseSchema } from './audit.js';
import { checkTokenResponseSchema } from './check.js';
import { errorBodySchema } from './errors.js';
import { healthSchema, readinessSchema } from './health.js';
import { sessionRoutes } from './session-routes.js';
import {
  authOptionsSchema,
  jwtHandoffQuerySchema,
  oidcCallbackQuerySchema,
  oidcStartQuerySchema,
} from './sso.js';

/** `PATCH /api/v1/admin/users/:user_id`. */
export const userIdParamsSchema = z.object({ user_id: z.string().min(1).max(100) });

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
