/**
 * When a failed delivery is tried again: exponential backoff from `baseDelayMs`, doubling per
 * failed attempt up to `maxDelayMs`, each delay shifted by up to ±20% at random (jitter) so that
 * the retries of many events, or of one endpoint's many events, do not arrive in one burst. A
 * delivery whose next attempt would fall past its give-up time (24 h after the event, or after a
 * replay) fails instead. With the defaults: 15 s, 30 s, 1, 2, 4, 8, 16, 32, 64 min, then every
 * 2 h: about 20 attempts in 24 h.
 */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 15_000,
  maxDelayMs: 2 * 3600_000,
};

/** How long an event is retried for: the window starts at the event, or at a replay. */
export const RETRY_WINDOW_MS = 24 * 3600_000;

/** The delay after the `failedAttempts`-th failed attempt (1 for the first). */
export function retryDelayMs(
  failedAttempts: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  // 2 ** exponent overflows nothing here: the cap applies long before.
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 40));
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/** When to try again after the `failedAttempts`-th failure, or undefined: give up. */
export function nextAttemptAt(options: {
  failedAttempts: number;
  now: Date;
  giveUpAt: Date;
  policy: RetryPolicy;
  random?: () => number;
}): Date | undefined {
  const { failedAttempts, now, giveUpAt, policy, random } = options;
  const next = new Date(now.getTime() + retryDelayMs(failedAttempts, policy, random));
  return next.getTime() > giveUpAt.getTime() ? undefined : next;
}
