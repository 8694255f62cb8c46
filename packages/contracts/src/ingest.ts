import { z } from 'zod';

/**
 * Streaming from OBS (issue 15): the host gets LiveKit's own WHIP endpoint and a stream key, a
 * publish-only LiveKit token for an ingest identity of that session. Each key has its own
 * identity (`ingest:<key_id>`), so a rotated or revoked key's connection can be told apart from
 * the active one and removed, as a banned identity is (LiveKit cannot revoke a token).
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
  /** After this, LiveKit refuses the key; a stream connected before keeps going. */
  expires_at: z.string(),
});
export type IngestKey = z.infer<typeof ingestKeySchema>;

/** `GET …/ingest`: where OBS sends its stream and the active key's metadata (none: `null`). */
export const ingestResponseSchema = z.object({
  /** LiveKit's WHIP endpoint, through the same origin as the signal URL clients get. */
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
