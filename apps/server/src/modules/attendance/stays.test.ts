import { describe, expect, it } from 'vitest';
import { mergeStays, peak, timeline } from './stays.js';
import type { Connection } from './stays.js';

const S = 1000;
const WINDOW = 30 * S;
/** Connections given in seconds from 0. */
const conns = (...pairs: [number, number | null][]): Connection[] =>
  pairs.map(([a, b]) => ({ joinedAt: a * S, leftAt: b === null ? null : b * S }));
const ended = (until: number) => ({ windowMs: WINDOW, until: until * S, live: false });

describe('mergeStays', () => {
  it('makes one stay of a reconnect 5 s after leaving, and a new one of a return after 31 s', () => {
    // join at 0, drop at 60, back at 65, leave at 120, return at 151, leave at 200.
    const stays = mergeStays(conns([0, 60], [65, 120], [151, 200]), ended(1000));
    expect(stays).toEqual([
      { joinedAt: 0, leftAt: 120 * S, open: false, connectedMs: 115 * S },
      { joinedAt: 151 * S, leftAt: 200 * S, open: false, connectedMs: 49 * S },
    ]);
  });

  it('merges a gap of exactly the window and not one a millisecond longer', () => {
    const exact = mergeStays(conns([0, 10], [40, 50]), ended(100));
    expect(exact).toHaveLength(1);
    const longer = mergeStays(
      [
        { joinedAt: 0, leftAt: 10 * S },
        { joinedAt: 40 * S + 1, leftAt: 50 * S },
      ],
      ended(100),
    );
    expect(longer).toHaveLength(2);
  });

  it('counts overlapping connections (the new one joined before the old one left) once', () => {
    const stays = mergeStays(conns([0, 62], [60, 120], [70, 80]), ended(1000));
    expect(stays).toEqual([{ joinedAt: 0, leftAt: 120 * S, open: false, connectedMs: 120 * S }]);
  });

  it('gives the same stays whatever order the connections come in', () => {
    const list = conns([151, 200], [0, 60], [65, 120]);
    expect(mergeStays(list, ended(1000))).toEqual(mergeStays([...list].reverse(), ended(1000)));
  });

  it('closes connections still open at the end of an ended session, and counts nothing after it', () => {
    const stays = mergeStays(conns([0, null], [10, 500], [400, 450]), ended(300));
    expect(stays).toEqual([{ joinedAt: 0, leftAt: 300 * S, open: false, connectedMs: 300 * S }]);
  });

  it('keeps a connection of a live session open until now, and says so', () => {
    const stays = mergeStays(conns([0, 10], [20, null]), {
      windowMs: WINDOW,
      until: 100 * S,
      live: true,
    });
    expect(stays).toEqual([{ joinedAt: 0, leftAt: 100 * S, open: true, connectedMs: 90 * S }]);
  });

  it('counts every connection on its own with a window of 0', () => {
    const stays = mergeStays(conns([0, 10], [11, 20]), { ...ended(100), windowMs: 0 });
    expect(stays).toHaveLength(2);
  });
});

describe('timeline and peak', () => {
  it('counts people over time and finds the first moment of the peak', () => {
    const a = mergeStays(conns([0, 100]), ended(1000));
    const b = mergeStays(conns([10, 50], [55, 90]), ended(1000)); // one stay, 10 → 90
    const c = mergeStays(conns([20, 30], [70, 80]), ended(1000)); // two stays
    const points = timeline([...a, ...b, ...c]);
    expect(points.map((p) => [p.at / S, p.count])).toEqual([
      [0, 1],
      [10, 2],
      [20, 3],
      [30, 2],
      [70, 3],
      [80, 2],
      [90, 1],
      [100, 0],
    ]);
    expect(peak(points)).toEqual({ count: 3, at: 20 * S });
  });

  it('does not count a leave and a join at the same moment as two people at once', () => {
    const points = timeline([
      ...mergeStays(conns([0, 10]), ended(100)),
      ...mergeStays(conns([10, 20]), ended(100)),
    ]);
    expect(peak(points).count).toBe(1);
    expect(points.map((p) => p.count)).toEqual([1, 0]);
  });

  it('has no peak time when nobody came, and does not end open stays', () => {
    expect(peak(timeline([]))).toEqual({ count: 0, at: null });
    const live = mergeStays(conns([5, null]), { windowMs: WINDOW, until: 50 * S, live: true });
    expect(timeline(live)).toEqual([{ at: 5 * S, count: 1 }]);
  });
});
