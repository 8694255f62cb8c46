import type { ErrorBody, ErrorCode } from '@stagecast/contracts';
import type { FastifyReply } from 'fastify';
import type { WhipReply } from '../../livekit/index.js';

/** Our error code for a refusal LiveKit gave with this status; anything else is the input's. */
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/**
 * Sends LiveKit's WHIP answer on: a success with its status, body and the headers WHIP defines
 * (`Content-Type`, `ETag`, one `Link` per ICE server, `Location` rewritten to `resourceUrl` of
 * the session so that OBS's PATCH and DELETE come back through the gateway); a refusal with its
 * status in our error body (its text without the key); a LiveKit failure as `502`.
 */
export function relayWhipReply(
  reply: FastifyReply,
  answer: WhipReply,
  resourceUrl: (resource: string) => string,
): FastifyReply {
  if (answer.status >= 500) {
    const error: ErrorBody = {
      error: {
        code: 'DEPENDENCY_UNAVAILABLE',
        message: `LiveKit failed the WHIP request (${answer.status}): ${answer.body}`,
        reason: 'livekit_unavailable',
      },
    };
    return reply.code(502).send(error);
  }
  if (answer.status >= 400) {
    const error: ErrorBody = {
      error: {
        code: CODE_OF_STATUS[answer.status] ?? 'VALIDATION_FAILED',
        message: `LiveKit refused the WHIP request: ${answer.body}`,
      },
    };
    return reply.code(answer.status).send(error);
  }
  if (answer.contentType) reply.header('content-type', answer.contentType);
  if (answer.etag) reply.header('etag', answer.etag);
  if (answer.links.length > 0) reply.header('link', answer.links);
  if (answer.resource) reply.header('location', resourceUrl(answer.resource));
  return reply.code(answer.status).send(answer.body === '' ? undefined : answer.body);
}
