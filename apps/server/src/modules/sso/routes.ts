import {
  apiRoutes,
  DEFAULT_NEXT_PATH,
  EMBED_PATH_PREFIX,
  sameOriginPath,
} from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { AppError } from '../../errors.js';
import { setAuthCookie } from '../auth/auth-cookie.js';
import { finishOidcSignIn } from './finish-oidc-sign-in.js';
import { handOffJwt } from './jwt-sign-in.js';
import { clearOidcCookie, oidcCookie, setOidcCookie } from './oidc-cookie.js';
import { orRefusal } from './refusal-page.js';
import type { SsoServices } from './services.js';
import { startOidcSignIn } from './start-oidc-sign-in.js';

const notConfigured = (what: string) =>
  new AppError('NOT_FOUND', `${what} is not set up on this server`, undefined, {
    reason: 'sso_not_configured',
  });

/**
 * `/auth`: the browser's ways in from the host site (issue 14). Each answers with a 303 to a
 * path on this site, or a page saying why not (JSON for the API's clients). None of them is
 * cached, and none leaves the token or code of its URL in a log (logger.ts keeps only
 * allow-listed query values).
 */
export const ssoRoutes: FastifyPluginAsyncZod<ModuleRouteOptions & { sso: SsoServices }> = async (
  app,
  { ctx, auth, limits, sso },
) => {
  const secure = ctx.config.publicUrl.startsWith('https://');
  const db = ctx.database.db;
  const rateLimit = { rateLimit: limits.signIn };
  const forgetUser = (userId: string) => auth.tokens.forgetUser(userId);

  app.route({
    ...declareRoute(app, apiRoutes.jwtHandoff),
    config: rateLimit,
    handler: async (request, reply) =>
      orRefusal(request, reply, async () => {
        if (!sso.jwt)
          throw notConfigured('Signing in with a JWT (AUTH_JWT_SECRET or AUTH_JWT_JWKS_URL)');
        if (!request.query.token) {
          throw new AppError(
            'UNAUTHENTICATED',
            'the token query parameter is missing',
            {
              field: 'querystring.token',
            },
            { reason: 'jwt_invalid' },
          );
        }
        const { token } = await handOffJwt(
          { ...sso.jwt, tokens: auth.tokens },
          request.query.token,
        );
        const next = sameOriginPath(request.query.next) ?? DEFAULT_NEXT_PATH;
        // Into the embedded room, inside the host site's iframe: its own cookie (auth-cookie.ts).
        const embed = next.startsWith(EMBED_PATH_PREFIX);
        setAuthCookie(reply, token, 'user', { secure, embed });
        return reply.header('cache-control', 'no-store').redirect(next, 303);
      }),
  });

  app.route({
    ...declareRoute(app, apiRoutes.oidcStart),
    config: rateLimit,
    handler: async (request, reply) =>
      orRefusal(request, reply, async () => {
        if (!sso.oidc) throw notConfigured('Signing in with OpenID Connect (OIDC_ISSUER)');
        const { redirectTo, state } = await startOidcSignIn({
          db,
          oidc: sso.oidc,
          nextPath: sameOriginPath(request.query.next) ?? DEFAULT_NEXT_PATH,
        });
        setOidcCookie(reply, state, secure);
        return reply.header('cache-control', 'no-store').redirect(redirectTo, 303);
      }),
  });

  app.route({
    ...declareRoute(app, apiRoutes.oidcCallback),
    config: rateLimit,
    handler: async (request, reply) => {
      // The state is used up whatever happens next: a second try starts again.
      clearOidcCookie(reply, secure);
      return orRefusal(request, reply, async () => {
        if (!sso.oidc) throw notConfigured('Signing in with OpenID Connect (OIDC_ISSUER)');
        const q = request.url.indexOf('?');
        const { token, nextPath } = await finishOidcSignIn({
          db,
          oidc: sso.oidc,
          tokens: auth.tokens,
          logger: request.log,
          search: q < 0 ? '' : request.url.slice(q),
          cookieState: oidcCookie(request),
          onRoleChange: forgetUser,
        });
        setAuthCookie(reply, token, 'user', { secure, embed: false });
        return reply.header('cache-control', 'no-store').redirect(nextPath, 303);
      });
    },
  });
};
