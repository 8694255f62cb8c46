import { z } from 'zod';

/** Why the join rules of SPEC §3 refuse a join, in the order they are checked. */
export const joinRefusalReasons = [
  'ended',
  'guests_disabled',
  'banned',
  'invite_required',
  'invite_expired',
  'not_live',
  'full',
] as const;

/**
 * Every error code the API returns. Clients branch on these, never on messages.
 * The HTTP status of each lives in the server's error table.
 */
export const errorCodeSchema = z.enum([
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'DEPENDENCY_UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/**
 * Why a request was refused, finer than the code: the web app and integrators switch on this
 * (a `FORBIDDEN` join is `banned`, `invite_required`, `invite_expired` or `guests_disabled`),
 * never on the message. Optional on the wire: validation, rate-limit and not-found answers
 * need none. New reasons may be added; clients treat an unknown one like its code.
 */
export const errorReasonSchema = z.enum([
  // auth
  'sign_in_required',
  'wrong_credentials',
  'wrong_password',
  'account_exists',
  'account_required',
  'role_required',
  // sign-in from the host site (a trusted JWT) and OIDC
  'jwt_invalid',
  'jwt_expired',
  'jwt_not_yet_valid',
  'jwt_wrong_issuer',
  'jwt_wrong_audience',
  'jwt_replayed',
  'sso_not_configured',
  'password_sign_in_disabled',
  'password_not_set',
  'oidc_state_mismatch',
  'oidc_failed',
  'oidc_unavailable',
  'account_disabled',
  // session access and the join rules (SPEC §3)
  ...joinRefusalReasons,
  // acting in a session
  'not_owner',
  'not_moderator',
  'not_joined',
  'cannot_act_on_host',
  'cannot_act_on_self',
  'host_only',
  // a calendar event for a session with no start time yet
  'not_scheduled',
  // the waiting room (issue 15): turned away less than 10 minutes ago; no knock to wait on
  'lobby_denied',
  'not_waiting',
  // streaming from OBS (issue 15): no active stream key to revoke; at the WHIP gateway, a Bearer
  // that is no stream key of ours (or none at all), a rotated or revoked key, an expired one
  'no_ingest_key',
  'ingest_key_invalid',
  'ingest_key_revoked',
  'ingest_key_expired',
  // polls and Q&A (issue 15): a second vote or upvote; a vote or opening the poll does not allow
  'already_voted',
  'already_upvoted',
  'poll_not_open',
  'poll_closed',
  // recordings
  'recording_in_progress',
  'recording_not_running',
  'recording_not_ready',
  'recording_elsewhere',
  // webhooks
  'signature_missing',
  'signature_invalid',
  // webhooks out: a target on loopback or a private network (WEBHOOK_ALLOW_PRIVATE is off), a
  // plain http:// target in production, a host name that does not resolve
  'webhook_target_private',
  'webhook_target_insecure',
  'webhook_target_unresolvable',
  // dependencies
  'database_unavailable',
  'livekit_unavailable',
  'recorder_unavailable',
  'egress_unavailable',
]);
export type ErrorReason = z.infer<typeof errorReasonSchema>;

/** The error body of every 4xx/5xx answer (SPEC §6). */
export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    reason: errorReasonSchema.optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
