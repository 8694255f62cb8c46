import { z } from 'zod';

/**
 * Signing in through the host site: a JWT it minted (the one-time hand-off) or its OpenID
 * provider. These routes are browser navigations, not JSON calls: they answer with a redirect
 * (303) or, when refused, a page (401) that says why, or JSON when the caller asks for it
 * (`Accept: application/json`).
 */

/** `GET /auth/jwt?token=…&next=…`. */
export const jwtHandoffQuerySchema = z.object({
  /** The host site's JWT; spent by this request (a second use is refused). */
  token: z.string().max(8192).optional(),
  /** A path on this site to land on (`/live/{id}`); anything else lands on the plaza. */
  next: z.string().max(4096).optional(),
});

/** `GET /auth/oidc/start?next=…`. */
export const oidcStartQuerySchema = z.object({ next: z.string().max(4096).optional() });

/** `GET /auth/oidc/callback`: what the OpenID provider sends back (checked by openid-client). */
export const oidcCallbackQuerySchema = z.looseObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
});

/**
 * `GET /api/v1/auth/options`: how people may sign in here, so the sign-in page shows the right
 * forms and buttons.
 */
export const authOptionsSchema = z.object({
  /** Email and password sign-in and registration (false with `OIDC_ONLY`). */
  password: z.boolean(),
  /** Guests may enter (`ALLOW_GUESTS`). */
  guests: z.boolean(),
  /** The OpenID provider's button, when one is configured. */
  oidc: z.object({ name: z.string(), start_url: z.string() }).nullable(),
});
export type AuthOptions = z.infer<typeof authOptionsSchema>;
