import { describe, expect, it } from 'vitest';
import { checkCapacity } from './check-capacity.js';

describe('checkCapacity', () => {
  it('admits up to the maximum within the window, then says when the oldest place frees up', () => {
    let now = 1_000;
    const capacity = checkCapacity(3, 60_000, () => now);
    expect(capacity.take()).toEqual({ ok: true });
    now += 10_000;
    expect(capacity.take()).toEqual({ ok: true });
    expect(capacity.take()).toEqual({ ok: true });
    now += 5_000;
    expect(capacity.take()).toEqual({ ok: false, retryAfterMs: 45_000 });
  });

  it('admits again once the oldest start has left the window, and refusals take no place', () => {
    let now = 0;
    const capacity = checkCapacity(2, 1_000, () => now);
    capacity.take();
    now = 500;
    capacity.take();
    expect(capacity.take().ok).toBe(false);
    now = 1_000;
    expect(capacity.take()).toEqual({ ok: true });
    expect(capacity.take()).toEqual({ ok: false, retryAfterMs: 500 });
    now = 1_500;
    expect(capacity.take()).toEqual({ ok: true });
  });
});
