import type { AdminStats } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import { STATS_CHARTS, chartColumns, hasValues, peakOf } from './stats-charts.js';

const series: AdminStats['series'] = {
  step_seconds: 12,
  t: [1_796_000_000_000, 1_796_000_012_000, 1_796_000_024_000],
  live_sessions: [null, 1, 2],
  connected_users: [null, 3, 5],
  bytes_in_per_second: [null, 1000, 2000],
  bytes_out_per_second: [null, 3000, 4000],
  packet_loss_percent: [null, null, null],
  joins_per_minute: [null, 5, 0],
  join_p95_ms: [null, 40, null],
  http_4xx_per_minute: [null, 0, 1],
  http_5xx_per_minute: [null, 0, 0],
};
const chart = (id: string) => STATS_CHARTS.find((c) => c.id === id)!;

describe('the admin charts’ data', () => {
  it('gives uPlot times in seconds and each line’s column, gaps kept', () => {
    expect(chartColumns(series, chart('people'))).toEqual([
      [1_796_000_000, 1_796_000_012, 1_796_000_024],
      [null, 3, 5],
      [null, 1, 2],
    ]);
  });

  it('knows an empty chart and a column’s peak', () => {
    expect(hasValues(series, chart('loss'))).toBe(false);
    expect(hasValues(series, chart('joinTime'))).toBe(true);
    expect(peakOf(series.connected_users)).toBe(5);
    expect(peakOf([null, null])).toBe(0);
  });

  it('draws every column of the stats series once', () => {
    const drawn = STATS_CHARTS.flatMap((c) => c.lines.map((l) => l.key)).sort();
    const columns = Object.keys(series)
      .filter((k) => k !== 't' && k !== 'step_seconds')
      .sort();
    expect(drawn).toEqual(columns);
  });
});
