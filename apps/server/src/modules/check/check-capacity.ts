/**
 * How many connection checks this instance starts in a sliding window, whoever asks. The
 * per-address rate limit stops one client; this bounds many clients together, since every
 * check makes a LiveKit room that lives until its timeouts.
 */
export interface CheckCapacity {
  /** Takes a place now, or says how long until one frees up. */
  take(): { ok: true } | { ok: false; retryAfterMs: number };
}

export function checkCapacity(
  max: number,
  windowMs: number,
  now: () => number = Date.now,
): CheckCapacity {
  // Start times, oldest first; never longer than `max`.
  const started: number[] = [];
  return {
    take() {
      const at = now();
      while (started.length > 0 && started[0]! <= at - windowMs) started.shift();
      if (started.length >= max) {
        return { ok: false, retryAfterMs: started[0]! + windowMs - at };
      }
      started.push(at);
      return { ok: true };
    },
  };
}
