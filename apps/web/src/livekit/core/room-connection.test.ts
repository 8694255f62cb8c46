import { describe, expect, it } from 'vitest';
import { createRoom, RECONNECT_DELAYS_MS } from './room-connection.js';

const context = (retryCount: number) => ({
  retryCount,
  elapsedMs: 0,
  retryReason: undefined,
  serverUrl: undefined,
});

describe('createRoom', () => {
  it('tries again densely in the first seconds after losing the server, for about 40 s', () => {
    const policy = createRoom().options.reconnectPolicy;
    const delays: number[] = [];
    for (let retry = 0; ; retry += 1) {
      const delay = policy.nextRetryDelayInMs(context(retry));
      if (delay === null) break;
      delays.push(delay);
    }
    expect(delays).toHaveLength(RECONNECT_DELAYS_MS.length);
    // Four tries within 4 s whatever the jitter (LiveKit's default policy: three, its fourth
    // comes 4.2 s to 6.2 s after the loss).
    const triesBy = (ms: number) => {
      let at = 0;
      return delays.filter((delay) => (at += delay) <= ms).length;
    };
    expect(triesBy(4_000)).toBeGreaterThanOrEqual(4);
    const total = delays.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThanOrEqual(35_000);
  });
});
