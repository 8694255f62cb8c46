import type { ErrorBody, ErrorCode, ErrorReason } from '@stagecast/contracts';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError } from '../errors.js';
import { LivekitUnavailableError } from '../livekit/index.js';

function body(
  code: ErrorCode,
  message: string,
  details?: unknown,
  reason?: ErrorReason,
): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(reason !== undefined && { reason }),
      ...(details !== undefined && { details }),
    },
  };
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

/** The SQLSTATE of a PostgreSQL data exception (class 22), on the error or one it wraps. */
function dataException(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 3; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Where in the request (`params.user_id`, `body.text`…) the first string `test` picks is. */
function findField(request: FastifyRequest, test: (value: string) => boolean): string | undefined {
  const search = (value: unknown, path: string, depth: number): string | undefined => {
    if (typeof value === 'string') return test(value) ? path : undefined;
    if (!value || typeof value !== 'object' || depth > 5) return undefined;
    for (const [key, inner] of Object.entries(value)) {
      const found = search(inner, `${path}.${key}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return (
    search(request.params, 'params', 0) ??
    search(request.query, 'querystring', 0) ??
    search(request.body, 'body', 0)
  );
}

/**
 * A value that passed validation but that PostgreSQL cannot store (a NUL character in text, a
 * date outside its range) is the client's input, not our failure: 400 naming the field.
 */
function fromDataException(err: unknown, request: FastifyRequest): ErrorBody | undefined {
  const sqlstate = dataException(err);
  if (!sqlstate) return undefined;
  let field: string | undefined;
  let problem = 'cannot be stored';
  if (sqlstate === '22021' || sqlstate === '22P05') {
    // A raw body (the webhook's) holds it as a JSON escape.
    field = findField(request, (v) => v.includes('\u0000') || v.includes('\\u0000'));
    problem = 'must not contain NUL characters';
  } else if (['22007', '22008', '22009'].includes(sqlstate)) {
    field = findField(request, (v) => /^[+-]?\d{4,6}-\d\d-\d\dT/.test(v));
    problem = 'is outside the supported date range';
  }
  request.log.info({ sqlstate, field }, 'rejected a value the database cannot store');
  return field
    ? body('VALIDATION_FAILED', `${field}: ${problem}`, { field, sqlstate })
    : body('VALIDATION_FAILED', `a value in the request ${problem}`, { sqlstate });
}

/** How long a client should wait before retrying a request a dependency could not serve. */
const RETRY_AFTER_SECONDS = 5;

/**
 * A dependency that did not answer (the database stopped, LiveKit restarting) is no bug of ours:
 * 503 naming which one, which the client may retry, instead of a 500.
 */
function fromUnavailableDependency(err: unknown): ErrorBody | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth += 1) {
    if (e instanceof LivekitUnavailableError) {
      return body(
        'DEPENDENCY_UNAVAILABLE',
        'LiveKit is not reachable: try again shortly',
        undefined,
        'livekit_unavailable',
      );
    }
    e = (e as { cause?: unknown }).cause;
  }
  if (isDatabaseUnavailable(err)) {
    return body(
      'DEPENDENCY_UNAVAILABLE',
      'the database is not reachable: try again shortly',
      undefined,
      'database_unavailable',
    );
  }
  return undefined;
}

/**
 * One error handler for every route: validation errors name the field, `AppError`s go out as
 * they are, a dependency that did not answer is a 503 naming it, and anything unexpected is
 * logged and answered with a 500 that reveals nothing.
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
      if (err.status >= 500) {
        request.log.warn({ code: err.code, reason: err.reason, err: err.cause }, err.message);
      }
      return reply.code(err.status).send(body(err.code, err.message, err.details, err.reason));
    }
    const known = fromFastify(err);
    if (known) return reply.code(known.status).send(known.payload);
    const data = fromDataException(err, request);
    if (data) return reply.code(400).send(data);
    const unavailable = fromUnavailableDependency(err);
    if (unavailable) {
      request.log.warn({ err, reason: unavailable.error.reason }, 'a dependency did not answer');
      return reply.code(503).header('retry-after', RETRY_AFTER_SECONDS).send(unavailable);
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('INTERNAL', 'internal error'));
  });

  app.setNotFoundHandler((request, reply) => {
    return reply
      .code(404)
      .send(body('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`));
  });
});
