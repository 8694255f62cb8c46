import { noContentSchema, routeGroup } from './api-route.js';
import {
  WHIP_PATH,
  createIngestKeyBodySchema,
  ingestKeyCreatedSchema,
  ingestResponseSchema,
  whipResourceParamsSchema,
} from './ingest.js';
import { sessionIdParamsSchema } from './sessions.js';

const ingest = routeGroup('ingest', '/api/v1/live/sessions/:session_id/ingest', {
  params: sessionIdParamsSchema,
});
const whip = routeGroup('ingest', WHIP_PATH);

/**
 * Streaming from OBS into a session (issue 15), for its host (the owner) and admins: the WHIP
 * URL and the active key's metadata, a new key (rotates: the old one's stream is removed), and
 * revoking the key (its stream removed within seconds). Then the WHIP gateway OBS itself calls.
 */
export const ingestRoutes = {
  getIngest: ingest.get('', { 200: ingestResponseSchema }),
  createIngestKey: ingest.post(
    '',
    { 201: ingestKeyCreatedSchema },
    { body: createIngestKeyBodySchema },
  ),
  revokeIngestKey: ingest.delete('', { 204: noContentSchema }),
  /**
   * The WHIP gateway (RFC 9725) OBS calls with `Authorization: Bearer <stream key>`: the SDP
   * offer (`application/sdp`) in, `201` with the SDP answer and `Location` of the session out,
   * relayed from LiveKit once the key is the session's active, unexpired one (else `401`
   * `ingest_key_invalid`, `ingest_key_revoked` or `ingest_key_expired`, and nothing reaches
   * LiveKit). Not JSON on success, so no answer schema.
   */
  whipCreate: whip.post('', null),
  /** Trickle ICE or an ICE restart (`application/trickle-ice-sdpfrag`, `If-Match`). */
  whipUpdate: whip.patch('/:participant_id', null, { params: whipResourceParamsSchema }),
  /** Ends the WHIP session (OBS's "Stop Streaming"). */
  whipDelete: whip.delete('/:participant_id', null, { params: whipResourceParamsSchema }),
} as const;
