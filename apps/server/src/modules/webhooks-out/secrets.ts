import { randomBytes } from 'node:crypto';

/** How long the previous secret still signs after a rotation. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600_000;

/**
 * A new signing secret in the Standard Webhooks form: `whsec_` and the base64 of 32 random
 * bytes (the HMAC-SHA256 key), which the `standardwebhooks` libraries take as it is.
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The secrets that sign now: the current one, and the previous one during its grace period. */
export function signingSecrets(
  endpoint: {
    secret: string;
    previousSecret: string | null;
    previousSecretExpiresAt: Date | null;
  },
  now = new Date(),
): string[] {
  const previousValid =
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}
