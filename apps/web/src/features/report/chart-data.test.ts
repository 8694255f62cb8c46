import type { AttendanceReport } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import { chartData } from './chart-data.js';

const T = Date.parse('2026-12-01T10:00:00Z') / 1000;
const at = (s: number) => new Date((T + s) * 1000).toISOString();

function report(
  session: Partial<AttendanceReport['session']>,
  timeline: [number, number][],
): AttendanceReport {
  return {
    session: {
      session_id: 's',
      title: 't',
      status: 'ended',
      started_at: at(0),
      ended_at: at(100),
      ...session,
    },
    merge_window_seconds: 30,
    peak: { count: 0, at: null },
    attendees: [],
    timeline: timeline.map(([s, count]) => ({ at: at(s), count })),
    polls: [],
    questions: [],
  };
}

describe('chartData', () => {
  it('starts at 0 when the session started and runs to its end', () => {
    expect(
      chartData(
        report({}, [
          [10, 1],
          [20, 2],
          [90, 0],
        ]),
        0,
      ),
    ).toEqual([
      [T, T + 10, T + 20, T + 90, T + 100],
      [0, 1, 2, 0, 0],
    ]);
  });

  it('starts at the first arrival when someone came before the start, without a second point there', () => {
    expect(
      chartData(
        report({ started_at: at(5) }, [
          [0, 1],
          [5, 2],
        ]),
        0,
      ),
    ).toEqual([
      [T, T + 5, T + 100],
      [1, 2, 2],
    ]);
  });

  it('draws a live session up to now', () => {
    const [xs, ys] = chartData(
      report({ status: 'live', ended_at: null }, [[10, 3]]),
      (T + 50) * 1000,
    );
    expect(xs).toEqual([T, T + 10, T + 50]);
    expect(ys).toEqual([0, 3, 3]);
  });

  it('has nothing to draw for a session nobody joined that never started', () => {
    expect(
      chartData(report({ started_at: null, ended_at: null, status: 'scheduled' }, []), 0),
    ).toEqual([[], []]);
  });
});
