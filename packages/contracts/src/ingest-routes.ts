import { apiErrorResponses as errors, noContentSchema, route } from './api-route.js';
import {
  WHIP_PATH,
  createIngestKeyBodySchema,
  ingestKeyCreatedSchema,
  ingestResponseSchema,
  whipResourceParamsSchema,
} from './ingest.js';
import { sessionIdParamsSchema } from './sessions.js';

const ingest = '/api/v1/live/sessions/:session_id/ingest';

/**
 * Streaming from OBS into a session (issue 15), for its host (the owner) and admins: the WHIP
 * URL and the active key's metadata, a new key (rotates: the old one's stream is removed), and
 * revoking the key (its stream removed within seconds). Then the WHIP gateway OBS itself calls.
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
  /**
   * The WHIP gateway (RFC 9725) OBS calls with `Authorization: Bearer <stream key>`: the SDP
   * offer (`application/sdp`) in, `201` with the SDP answer and `Location` of the session out,
   * relayed from LiveKit once the key is the session's active, unexpired one (else `401`
   * `ingest_key_invalid`, `ingest_key_revoked` or `ingest_key_expired`, and nothing reaches
   * LiveKit). Not JSON on success, so no answer schema.
   */
  whipCreate: route({ method: 'POST', path: WHIP_PATH, tags: ['ingest'] }),
  /** Trickle ICE or an ICE restart (`application/trickle-ice-sdpfrag`, `If-Match`). */
  whipUpdate: route({
    method: 'PATCH',
    path: `${WHIP_PATH}/:participant_id`,
    tags: ['ingest'],
    params: whipResourceParamsSchema,
  }),
  /** Ends the WHIP session (OBS's "Stop Streaming"). */
  whipDelete: route({
    method: 'DELETE',
    path: `${WHIP_PATH}/:participant_id`,
    tags: ['ingest'],
    params: whipResourceParamsSchema,
  }),
} as const;
