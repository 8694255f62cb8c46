import type { AdminStats } from '@stagecast/contracts';
import type { TimeChartData } from '../../lib/TimeChart.js';

type Series = AdminStats['series'];
/** The value columns of the stats series (all but the times). */
export type SeriesKey = Exclude<keyof Series, 't' | 'step_seconds'>;

/** A line's name: a string key under `admin.charts`. */
type LineLabel =
  | 'connected'
  | 'sessions'
  | 'in'
  | 'out'
  | 'joinsSeries'
  | 'errors4xx'
  | 'errors5xx'
  | 'joinTimeSeries'
  | 'lossSeries';

/** One chart of the admin page: which columns it draws, how, and how its axis reads. */
export interface StatsChart {
  id: 'people' | 'bandwidth' | 'joins' | 'joinTime' | 'loss';
  scale: 'count' | 'amount';
  unit: 'count' | 'bitRate' | 'perMinute' | 'ms' | 'percent';
  /** Bandwidth and loss come from LiveKit's Prometheus endpoint: nothing to draw without it. */
  needsTraffic?: boolean;
  lines: { key: SeriesKey; label: LineLabel; color: string; fill?: boolean; stepped?: boolean }[];
}

/** The page's palette for lines (palette.css), in each theme's shade: the accent's blue first. */
const BLUE = 'var(--chart-blue)';
const GREEN = 'var(--chart-green)';
const AMBER = 'var(--chart-amber)';
const RED = 'var(--chart-red)';
const VIOLET = 'var(--chart-violet)';

/** The charts, in page order; labels are string keys under `admin.charts`. */
export const STATS_CHARTS: StatsChart[] = [
  {
    id: 'people',
    scale: 'count',
    unit: 'count',
    lines: [
      { key: 'connected_users', label: 'connected', color: BLUE, fill: true, stepped: true },
      { key: 'live_sessions', label: 'sessions', color: GREEN, stepped: true },
    ],
  },
  {
    id: 'bandwidth',
    scale: 'amount',
    unit: 'bitRate',
    needsTraffic: true,
    lines: [
      { key: 'bytes_in_per_second', label: 'in', color: BLUE, fill: true },
      { key: 'bytes_out_per_second', label: 'out', color: GREEN },
    ],
  },
  {
    id: 'joins',
    scale: 'amount',
    unit: 'perMinute',
    lines: [
      { key: 'joins_per_minute', label: 'joinsSeries', color: BLUE },
      { key: 'http_4xx_per_minute', label: 'errors4xx', color: AMBER },
      { key: 'http_5xx_per_minute', label: 'errors5xx', color: RED },
    ],
  },
  {
    id: 'joinTime',
    scale: 'amount',
    unit: 'ms',
    lines: [{ key: 'join_p95_ms', label: 'joinTimeSeries', color: VIOLET }],
  },
  {
    id: 'loss',
    scale: 'amount',
    unit: 'percent',
    needsTraffic: true,
    lines: [{ key: 'packet_loss_percent', label: 'lossSeries', color: RED }],
  },
];

/** uPlot's data for one chart: times in Unix seconds, then each line's column. */
export function chartColumns(series: Series, chart: StatsChart): TimeChartData {
  return [series.t.map((ms) => ms / 1000), ...chart.lines.map((line) => series[line.key])];
}

/** The largest value of a column, 0 when it has none. */
export function peakOf(values: readonly (number | null)[]): number {
  return values.reduce<number>((max, v) => (v !== null && v > max ? v : max), 0);
}

/** Whether a chart has anything to draw. */
export function hasValues(series: Series, chart: StatsChart): boolean {
  return chart.lines.some((line) => series[line.key].some((v) => v !== null));
}
