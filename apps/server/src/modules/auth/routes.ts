import { randomUUID } from 'node:crypto';
import {
  adminUpdateUserBodySchema,
  authResponseSchema,
  changePasswordBodySchema,
  errorBodySchema,
  guestBodySchema,
  loginBodySchema,
  meResponseSchema,
  registerBodySchema,
} from '@stagecast/contracts';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { users } from '../../db/schema.js';
import { AppError, ERROR_RESPONSES } from '../../errors.js';
import type { RateLimits } from '../../plugins/rate-limit.js';
import { clearAuthCookie, setAuthCookie, toUserDto, userDto } from './authenticator.js';
import type { Authenticator } from './authenticator.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { registerUser } from './register-user.js';
import { userRepository } from './user-repository.js';

export interface AuthRouteOptions {
  ctx: AppContext;
  auth: Authenticator;
  limits: RateLimits;
}

const errors = ERROR_RESPONSES;

/** SPEC §2: register, login, guest, me, logout, password change, admin role changes. */
export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (
  app,
  { ctx, auth, limits },
) => {
  const db = ctx.database.db;
  const secureCookie = ctx.config.publicUrl.startsWith('https://');
  const tags = ['auth'];

  app.post(
    '/api/v1/auth/register',
    {
      schema: { tags, body: registerBodySchema, response: { 201: authResponseSchema, ...errors } },
      config: { rateLimit: limits.auth },
    },
    async (request, reply) => {
      const user = await registerUser(db, request.body);
      const token = await auth.tokens.issueForUser(user.id);
      setAuthCookie(reply, token, 'user', secureCookie);
      return reply.code(201).send({ user: userDto(user), token });
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      schema: { tags, body: loginBodySchema, response: { 200: authResponseSchema, ...errors } },
      config: { rateLimit: limits.auth },
    },
    async (request, reply) => {
      const user = await userRepository(db).findByEmail(request.body.email);
      // The same work whether or not the account exists: no timing hint about which emails do.
      const ok = await verifyPassword(
        user?.passwordHash ?? (await dummyPasswordHash()),
        request.body.password,
      );
      if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'wrong email or password');
      const token = await auth.tokens.issueForUser(user.id);
      setAuthCookie(reply, token, 'user', secureCookie);
      return { user: userDto(user), token };
    },
  );

  app.post(
    '/api/v1/auth/guest',
    {
      schema: { tags, body: guestBodySchema, response: { 201: authResponseSchema, ...errors } },
      config: { rateLimit: limits.auth },
    },
    async (request, reply) => {
      if (!ctx.config.allowGuests) throw new AppError('FORBIDDEN', 'guests are not allowed here');
      const guestId = randomUUID();
      const token = await auth.tokens.issueForGuest(guestId, request.body.display_name);
      setAuthCookie(reply, token, 'guest', secureCookie);
      const user = {
        id: guestId,
        email: null,
        username: request.body.display_name,
        role: 'guest' as const,
      };
      return reply.code(201).send({ user, token });
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags, response: { 200: meResponseSchema, 401: errorBodySchema } } },
    async (request) => ({ user: toUserDto(await auth.requirePrincipal(request)) }),
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, response: { 204: z.null(), 401: errorBodySchema } } },
    async (request, reply) => {
      const principal = await auth.requirePrincipal(request);
      await auth.tokens.revoke(principal.tokenHash);
      clearAuthCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        body: changePasswordBodySchema,
        response: { 200: authResponseSchema, ...errors },
      },
      config: { rateLimit: limits.auth },
    },
    async (request, reply) => {
      const user = await auth.requireUser(request);
      if (!(await verifyPassword(user.passwordHash, request.body.current_password))) {
        throw new AppError('FORBIDDEN', 'current_password is wrong', { field: 'current_password' });
      }
      await db
        .update(users)
        .set({ passwordHash: await hashPassword(request.body.new_password), updatedAt: new Date() })
        .where(eq(users.id, user.id));
      // Every other session of this account ends; this one continues with a new token.
      await auth.tokens.revokeAllForUser(user.id);
      const token = await auth.tokens.issueForUser(user.id);
      setAuthCookie(reply, token, 'user', secureCookie);
      return { user: userDto(user), token };
    },
  );

  app.patch(
    '/api/v1/admin/users/:user_id',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ user_id: z.string().min(1).max(100) }),
        body: adminUpdateUserBodySchema,
        response: { 200: meResponseSchema, ...errors, 404: errorBodySchema },
      },
    },
    async (request) => {
      await auth.requireUser(request, ['admin']);
      const [updated] = await db
        .update(users)
        .set({ role: request.body.role, updatedAt: new Date() })
        .where(eq(users.id, request.params.user_id))
        .returning();
      if (!updated) throw new AppError('NOT_FOUND', 'no such user');
      await auth.tokens.forgetUser(updated.id);
      return { user: userDto(updated) };
    },
  );
};
