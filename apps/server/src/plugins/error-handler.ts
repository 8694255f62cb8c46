import type { ErrorBody, ErrorCode } from '@stagecast/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Fastify's own 4xx errors (bad JSON, too large, wrong content type) in our error shape. */
function fromFastify(err: FastifyError): { status: number; payload: ErrorBody } | undefined {
  const status = err.statusCode ?? 500;
  if (status >= 500) return undefined;
  if (status === 413)
    return { status, payload: body('PAYLOAD_TOO_LARGE', 'request body is too large') };
  if (status === 429) return { status, payload: body('RATE_LIMITED', err.message) };
  if (status === 404) return { status, payload: body('NOT_FOUND', err.message) };
  if (status === 401) return { status, payload: body('UNAUTHENTICATED', err.message) };
  if (status === 403) return { status, payload: body('FORBIDDEN', err.message) };
  const field = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'content-type' : 'body';
  return { status: 400, payload: body('VALIDATION_FAILED', err.message, { field }) };
}

/**
 * One error handler for every route: validation errors name the field, `AppError`s go out as
 * they are, and anything unexpected is logged and answered with a 500 that reveals nothing.
 */
export const errorHandler = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join(
          '.',
        ),
        message: v.message ?? 'is invalid',
      }));
      const first = issues[0];
      return reply
        .code(400)
        .send(
          body(
            'VALIDATION_FAILED',
            first ? `${first.field}: ${first.message}` : 'invalid request',
            issues,
          ),
        );
    }
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.warn({ code: err.code, cause: err.cause }, err.message);
      return reply.code(err.status).send(body(err.code, err.message, err.details));
    }
    const known = fromFastify(err);
    if (known) return reply.code(known.status).send(known.payload);
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('INTERNAL', 'internal error'));
  });

  app.setNotFoundHandler((request, reply) => {
    return reply
      .code(404)
      .send(body('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`));
  });
});
