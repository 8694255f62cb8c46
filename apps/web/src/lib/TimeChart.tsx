import './time-chart.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const AXIS = { stroke: '#9aa3b5', grid: { stroke: '#2f3441' }, ticks: { stroke: '#2f3441' } };
/** Whole-number steps for counts: an axis of people never reads 1.5. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10_000, 50_000];

/** One line of a chart. */
export interface TimeSeries {
  label: string;
  /** A colour of the page's palette (`#5b8cff`…). */
  color: string;
  /** Shade the area under the line (one series per chart reads best). */
  fill?: boolean;
  /** A level that holds until the next change (a count): steps, not slopes. */
  stepped?: boolean;
}

/**
 * uPlot's aligned data: x in Unix seconds, then one array per series, `null` where there is no
 * value (drawn as a gap).
 */
export type TimeChartData = [xs: number[], ...ys: (number | null)[][]];

export interface TimeChartProps {
  data: TimeChartData;
  series: TimeSeries[];
  /** What the chart shows, for screen readers: the canvas says nothing to them. */
  label: string;
  /** `count`: whole numbers from 0 with room above the peak; `amount`: from 0, any value. */
  scale?: 'count' | 'amount';
  /** How a y value is written on the axis (bytes, percent…); plain numbers by default. */
  formatValue?: (value: number) => string;
  height?: number;
  testId?: string;
}

/** The indices of values whose neighbours are both missing: no line reaches them. */
export function isolatedPoints(ys: ArrayLike<number | null | undefined>): number[] {
  const found: number[] = [];
  const missing = (i: number) => i < 0 || i >= ys.length || ys[i] === null || ys[i] === undefined;
  for (let i = 0; i < ys.length; i += 1) {
    if (!missing(i) && missing(i - 1) && missing(i + 1)) found.push(i);
  }
  return found;
}

/**
 * The time axis in the reader's language: clock times within two days, dates beyond (uPlot's own
 * labels are English only).
 */
function timeAxisValues(language: string) {
  const clock = new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' });
  const date = new Intl.DateTimeFormat(language, { month: 'numeric', day: 'numeric' });
  return (u: uPlot, splits: number[]) => {
    const span = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0);
    const format = span > 2 * 86_400 ? date : clock;
    return splits.map((s) => format.format(new Date(s * 1000)));
  };
}

function chartOptions(width: number, props: TimeChartProps, language: string): uPlot.Options {
  const { series, scale = 'count', formatValue } = props;
  const yAxis: uPlot.Axis = {
    ...AXIS,
    ...(scale === 'count' ? { incrs: COUNT_STEPS } : {}),
    ...(formatValue
      ? { values: (_u: uPlot, splits: number[]) => splits.map(formatValue), size: 72 }
      : {}),
  };
  return {
    width,
    height: props.height ?? 220,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: true },
      y: {
        range: (_u, _min, max) =>
          scale === 'count'
            ? [0, Math.max(2, Math.ceil((max || 0) * 1.2))]
            : [0, max > 0 ? max * 1.15 : 1],
      },
    },
    axes: [{ ...AXIS, values: timeAxisValues(language) }, yAxis],
    series: [
      {},
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 2,
        ...(s.fill ? { fill: `${s.color}40` } : {}),
        ...(s.stepped ? { paths: uPlot.paths.stepped?.({ align: 1 }) } : {}),
        // A value with no neighbour draws no line: it gets a dot, so that a lone sample (the
        // first one after a start) shows.
        points: {
          show: true,
          size: 6,
          fill: s.color,
          filter: (u: uPlot, index: number) => isolatedPoints(u.data[index] ?? []),
        },
      })),
    ],
  };
}

/**
 * Values over time, drawn by uPlot on a canvas that follows its box's width; the report's
 * timeline and the admin page's charts. Redrawn when `data` or `series` change (pass stable
 * ones: memoise them).
 */
export function TimeChart(props: TimeChartProps) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const { data, series } = props;
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const height = latest.current.height ?? 220;
    const options = chartOptions(element.clientWidth || 320, latest.current, language);
    const plot = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0) plot.setSize({ width: element.clientWidth, height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [data, series, language]);
  return (
    <div
      ref={box}
      className="time-chart"
      style={{ minHeight: props.height ?? 220 }}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
    />
  );
}
