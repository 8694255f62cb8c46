import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalescer } from './coalescer.js';

describe('coalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A coalescer whose flushes read a counter, as the real ones read the database. */
  function setUp(intervalMs = 250) {
    let value = 0;
    const seen: { key: string; value: number; at: number }[] = [];
    const c = coalescer({
      intervalMs,
      flush: async (key) => {
        seen.push({ key, value, at: Date.now() });
      },
      onError: () => undefined,
    });
    return { c, seen, change: () => (value += 1) };
  }

  it('flushes a lone change on the next turn', async () => {
    const { c, seen, change } = setUp();
    change();
    c.handle('poll');
    expect(seen).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.map((s) => s.value)).toEqual([1]);
  });

  it('turns a burst of 100 changes into a few flushes, the last with the exact final value', async () => {
    const { c, seen, change } = setUp();
    const start = Date.now();
    for (let i = 0; i < 100; i += 1) {
      change();
      c.handle('poll');
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    // 1 s of changes: at most one flush per 250 ms, plus the one that follows the burst.
    expect(seen.length).toBeLessThanOrEqual(6);
    expect(seen.at(-1)?.value).toBe(100);
    const gaps = seen.slice(1).map((s, i) => s.at - seen[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250);
    expect(seen[0]!.at - start).toBe(0);
  });

  it('never runs two flushes of a key at once, so a slow one cannot send an older state last', async () => {
    let value = 0;
    let active = 0;
    let most = 0;
    const sent: number[] = [];
    const c = coalescer({
      intervalMs: 250,
      // Reads the value at once, then takes 1 s to send it (a slow database and network).
      flush: async () => {
        active += 1;
        most = Math.max(most, active);
        const read = value;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        sent.push(read);
        active -= 1;
      },
      onError: () => undefined,
    });
    for (let i = 0; i < 20; i += 1) {
      value += 1;
      c.handle('question');
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(most).toBe(1);
    expect(sent.at(-1)).toBe(20);
    expect([...sent].sort((a, b) => a - b)).toEqual(sent);
  });

  it('keeps keys apart', async () => {
    const { c, seen, change } = setUp();
    change();
    c.handle('a');
    c.handle('b');
    c.handle('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.map((s) => s.key).sort()).toEqual(['a', 'b']);
  });

  it('reports a failed flush and flushes again on the next change', async () => {
    const errors: string[] = [];
    let fail = true;
    const c = coalescer({
      intervalMs: 100,
      flush: async () => {
        if (fail) throw new Error('livekit away');
      },
      onError: (_err, key) => errors.push(key),
    });
    c.handle('q');
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(['q']);
    fail = false;
    c.handle('q');
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toEqual(['q']);
  });

  it('drops pending flushes on close', async () => {
    const { c, seen } = setUp();
    c.handle('a');
    await c.close();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toHaveLength(0);
  });
});
