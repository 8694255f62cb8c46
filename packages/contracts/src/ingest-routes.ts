import { noContentSchema, routeGroup } from './api-route.js';
import {
  createIngestKeyBodySchema,
  ingestKeyCreatedSchema,
  ingestResponseSchema,
} from './ingest.js';
import { sessionIdParamsSchema } from './sessions.js';

const ingest = routeGroup('ingest', '/api/v1/live/sessions/:session_id/ingest', {
  params: sessionIdParamsSchema,
});

/**
 * Streaming from OBS into a session (issue 15), for its host (the owner) and admins: the WHIP
 * URL and the active key's metadata, a new key (rotates: the old one's stream is removed), and
 * revoking the key (its stream removed within seconds).
 */
export const ingestRoutes = {
  getIngest: ingest.get('', { 200: ingestResponseSchema }),
  createIngestKey: ingest.post(
    '',
    { 201: ingestKeyCreatedSchema },
    { body: createIngestKeyBodySchema },
  ),
  revokeIngestKey: ingest.delete('', { 204: noContentSchema }),
} as const;
