import { describe, expect, it } from 'vitest';
import { freePortBlock, portSlice } from '../../../scripts/free-ports.mjs';

const block = (start: number, count: number) => Array.from({ length: count }, (_, i) => start + i);

describe('free port blocks', () => {
  it('gives each vitest worker a slice of its own, apart from processes outside vitest', () => {
    const outside = portSlice(undefined);
    const all = [outside, ...['1', '2', '3'].map((id) => portSlice(id))];
    for (const [i, a] of all.entries()) {
      expect(a.from).toBeGreaterThanOrEqual(20_000);
      expect(a.from + a.size).toBeLessThanOrEqual(32_768);
      for (const b of all.slice(i + 1)) {
        expect(a.from + a.size <= b.from || b.from + b.size <= a.from).toBe(true);
      }
    }
    expect(portSlice('not a number')).toEqual(outside);
  });

  it('draws from this worker’s slice (vitest still sets VITEST_POOL_ID), never a port twice', async () => {
    const mine = portSlice(process.env.VITEST_POOL_ID);
    expect(mine).not.toEqual(portSlice(undefined));
    const counts = [4, 4, 1];
    const starts = await Promise.all(counts.map((count) => freePortBlock(count)));
    const ports = starts.flatMap((start, i) => block(start, counts[i]!));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(mine.from);
      expect(port).toBeLessThan(mine.from + mine.size);
    }
    expect(new Set(ports).size).toBe(ports.length);
  });
});
