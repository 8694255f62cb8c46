import { z } from 'zod';

/**
 * Streaming from OBS (issue 15): the host gets the app's WHIP gateway and a stream key, a
 * publish-only LiveKit token for an ingest identity of that session. The gateway lets only the
 * session's active, unexpired key through to LiveKit's own WHIP endpoint (LiveKit cannot revoke a
 * token). Each key has its own identity (`ingest:<key_id>`), so a connection of a rotated or
 * revoked key that reached LiveKit some other way can be told apart and removed, as a banned
 * identity is.
 */

/** The prefix of an ingest identity; the rest is the key id. */
export const INGEST_IDENTITY_PREFIX = 'ingest:';

/** The LiveKit identity a stream key publishes as. */
export const ingestIdentity = (keyId: string): string => `${INGEST_IDENTITY_PREFIX}${keyId}`;

/** Whether a LiveKit identity is an OBS stream (its key id after the prefix). */
export const isIngestIdentity = (identity: string): boolean =>
  identity.startsWith(INGEST_IDENTITY_PREFIX);

/** The `kind` attribute of an ingest participant: the stage shows its video as the main picture. */
export const INGEST_KIND = 'ingest';

/** How long a stream key may be used to connect: from ten minutes to seven days. */
export const INGEST_TTL_MIN_SECONDS = 600;
export const INGEST_TTL_MAX_SECONDS = 7 * 24 * 3600;
/** The choices the host's dialog offers. */
export const INGEST_TTL_CHOICES = [3600, 21600, 86400, 604800] as const;

/** `POST …/ingest`: a new key (the previous one, if any, stops working at once). */
export const createIngestKeyBodySchema = z.object({
  ttl_seconds: z
    .number({ message: 'must be a number of seconds' })
    .int({ message: 'must be a whole number of seconds' })
    .min(INGEST_TTL_MIN_SECONDS, { message: `must be at least ${INGEST_TTL_MIN_SECONDS}` })
    .max(INGEST_TTL_MAX_SECONDS, { message: `must be at most ${INGEST_TTL_MAX_SECONDS}` }),
});
export type CreateIngestKeyBody = z.infer<typeof createIngestKeyBodySchema>;

/** What is known of a stream key besides the key itself (never shown again after creation). */
export const ingestKeySchema = z.object({
  key_id: z.string(),
  /** The LiveKit identity it publishes as (`ingest:<key_id>`). */
  identity: z.string(),
  created_at: z.string(),
  /**
   * After this, the WHIP gateway (and LiveKit) refuse the key; a stream connected before keeps
   * going.
   */
  expires_at: z.string(),
});
export type IngestKey = z.infer<typeof ingestKeySchema>;

/** The WHIP gateway's path on the app's origin (RFC 9725's endpoint; its sessions below it). */
export const WHIP_PATH = '/whip/v1';

/** `PATCH`/`DELETE /whip/v1/:participant_id`: the WHIP session LiveKit created (its `PA_` id). */
export const whipResourceParamsSchema = z.object({
  participant_id: z
    .string()
    .regex(/^PA_[0-9A-Za-z]{1,64}$/, { message: 'must be a LiveKit participant id (PA_…)' }),
});

/** `GET …/ingest`: where OBS sends its stream and the active key's metadata (none: `null`). */
export const ingestResponseSchema = z.object({
  /** The app's WHIP gateway (`PUBLIC_URL` + `/whip/v1`), which OBS calls with the key. */
  whip_url: z.string(),
  key: ingestKeySchema.nullable(),
});
export type IngestResponse = z.infer<typeof ingestResponseSchema>;

/** `POST …/ingest` (201): the one answer that carries the stream key (OBS's Bearer Token). */
export const ingestKeyCreatedSchema = z.object({
  whip_url: z.string(),
  key: ingestKeySchema,
  stream_key: z.string(),
});
export type IngestKeyCreated = z.infer<typeof ingestKeyCreatedSchema>;
