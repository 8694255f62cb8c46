import { apiErrorResponses as errors, noContentSchema, route } from './api-route.js';
import {
  createIngestKeyBodySchema,
  ingestKeyCreatedSchema,
  ingestResponseSchema,
} from './ingest.js';
import { sessionIdParamsSchema } from './sessions.js';

const ingest = '/api/v1/live/sessions/:session_id/ingest';

/**
 * Streaming from OBS into a session (issue 15), for its host (the owner) and admins: the WHIP
 * URL and the active key's metadata, a new key (rotates: the old one's stream is removed), and
 * revoking the key (its stream removed within seconds).
 */
export const ingestRoutes = {
  getIngest: route({
    method: 'GET',
    path: ingest,
    tags: ['ingest'],
    params: sessionIdParamsSchema,
    response: { 200: ingestResponseSchema, ...errors },
  }),
  createIngestKey: route({
    method: 'POST',
    path: ingest,
    tags: ['ingest'],
    params: sessionIdParamsSchema,
    body: createIngestKeyBodySchema,
    response: { 201: ingestKeyCreatedSchema, ...errors },
  }),
  revokeIngestKey: route({
    method: 'DELETE',
    path: ingest,
    tags: ['ingest'],
    params: sessionIdParamsSchema,
    response: { 204: noContentSchema, ...errors },
  }),
} as const;
