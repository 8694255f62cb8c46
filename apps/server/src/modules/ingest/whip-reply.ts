import type { ErrorCode } from '@stagecast/contracts';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../errors.js';
import type { WhipReply } from '../../livekit/index.js';

/** Our error code for a refusal LiveKit gave with this status; any other is the input's (400). */
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
 * the session so that OBS's PATCH and DELETE come back through the gateway). A refusal is thrown
 * as our error (its text without the key; LiveKit's status in `details`), a LiveKit failure as
 * `DEPENDENCY_UNAVAILABLE`: every answer keeps the error table's statuses.
 */
export function relayWhipReply(
  reply: FastifyReply,
  answer: WhipReply,
  resourceUrl: (resource: string) => string,
): FastifyReply {
  if (answer.status >= 500) {
    throw new AppError(
      'DEPENDENCY_UNAVAILABLE',
      `LiveKit failed the WHIP request: ${answer.body}`,
      { livekit_status: answer.status },
      { reason: 'livekit_unavailable' },
    );
  }
  if (answer.status >= 400) {
    const code = CODE_OF_STATUS[answer.status] ?? 'VALIDATION_FAILED';
    // What LiveKit finds wrong in a call the gateway let through is in its SDP (offer or fragment).
    const field = code === 'VALIDATION_FAILED' ? { field: 'body' } : {};
    throw new AppError(code, `LiveKit refused the WHIP request: ${answer.body}`, {
      ...field,
      livekit_status: answer.status,
    });
  }
  if (answer.contentType) reply.header('content-type', answer.contentType);
  if (answer.etag) reply.header('etag', answer.etag);
  if (answer.links.length > 0) reply.header('link', answer.links);
  if (answer.resource) reply.header('location', resourceUrl(answer.resource));
  return reply.code(answer.status).send(answer.body === '' ? undefined : answer.body);
}
