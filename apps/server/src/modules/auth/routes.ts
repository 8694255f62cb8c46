import { apiRoutes } from '@stagecast/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { AppError } from '../../errors.js';
import { clearAuthCookie, cookieTarget, setAuthCookie } from './auth-cookie.js';
import { toUserDto, userDto } from './authenticator.js';
import { changePassword } from './change-password.js';
import { enterAsGuest } from './enter-as-guest.js';
import { logOut } from './log-out.js';
import { login } from './login.js';
import { registerUser } from './register-user.js';

/** SPEC §2: register, login, guest, me, logout, password change; registered under `/api/v1/auth`. */
export const authRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth, limits },
) => {
  const db = ctx.database.db;
  const tokens = auth.tokens;
  // PUBLIC_URL https: the cookie travels over TLS only (browsers then refuse it on plain http).
  // The embedded room's calls get its own cookie (auth-cookie.ts).
  const secureCookie = ctx.config.publicUrl.startsWith('https://');
  const cookie = (request: FastifyRequest) => cookieTarget(request, secureCookie);
  const rateLimited = { rateLimit: limits.auth };
  const { oidc } = ctx.config;
  // OIDC_ONLY: people sign in through the OpenID provider; local passwords are refused here
  // too, not only hidden in the web app.
  const assertPasswordsAllowed = () => {
    if (oidc?.only) {
      throw new AppError(
        'FORBIDDEN',
        `sign in with ${oidc.name}: email and password sign-in is off on this server (OIDC_ONLY)`,
        undefined,
        { reason: 'password_sign_in_disabled' },
      );
    }
  };

  app.route({
    ...declareRoute(app, apiRoutes.authOptions),
    handler: async () => ({
      password: !oidc?.only,
      guests: ctx.config.allowGuests,
      oidc: oidc ? { name: oidc.name, start_url: apiRoutes.oidcStart.path } : null,
    }),
  });

  app.route({
    ...declareRoute(app, apiRoutes.register),
    config: rateLimited,
    handler: async (request, reply) => {
      assertPasswordsAllowed();
      const { user, token } = await registerUser({ db, tokens, input: request.body });
      setAuthCookie(reply, token, 'user', cookie(request));
      return reply.code(201).send({ user: userDto(user), token });
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.login),
    config: rateLimited,
    handler: async (request, reply) => {
      assertPasswordsAllowed();
      const { email, password } = request.body;
      const { user, token } = await login({ db, tokens, email, password });
      setAuthCookie(reply, token, 'user', cookie(request));
      return { user: userDto(user), token };
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.guest),
    config: rateLimited,
    handler: async (request, reply) => {
      const guest = await enterAsGuest({
        allowGuests: ctx.config.allowGuests,
        tokens,
        displayName: request.body.display_name,
      });
      setAuthCookie(reply, guest.token, 'guest', cookie(request));
      return reply.code(201).send(guest);
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.me),
    handler: async (request) => ({ user: toUserDto(await auth.requirePrincipal(request)) }),
  });

  app.route({
    ...declareRoute(app, apiRoutes.logout),
    handler: async (request, reply) => {
      await logOut({ tokens, principal: await auth.requirePrincipal(request) });
      clearAuthCookie(reply, cookie(request));
      return reply.code(204).send(null);
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.changePassword),
    config: rateLimited,
    handler: async (request, reply) => {
      const { user, token } = await changePassword({
        db,
        tokens,
        user: await auth.requireUser(request),
        currentPassword: request.body.current_password,
        newPassword: request.body.new_password,
      });
      setAuthCookie(reply, token, 'user', cookie(request));
      return { user: userDto(user), token };
    },
  });
};
