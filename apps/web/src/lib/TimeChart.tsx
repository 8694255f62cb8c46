import './time-chart.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useMediaQuery } from './useMediaQuery.js';

/** Whole-number steps for counts: an axis of people never reads 1.5. */
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10_000, 50_000];

/** One line of a chart. */
export interface TimeSeries {
  label: string;
  /**
   * A colour of the page's palette: `var(--chart-blue)` (palette.css; read when drawn, so the
   * line follows the theme) or a plain `#rrggbb`.
   */
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

/**
 * A colour as the canvas needs it: `var(--name)` read from the page's palette at `element` (the
 * canvas cannot use CSS variables), anything else as it is.
 */
export function resolveColor(element: Element, color: string): string {
  const name = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  if (!name) return color;
  return getComputedStyle(element).getPropertyValue(name).trim() || color;
}

function chartOptions(
  element: Element,
  width: number,
  props: TimeChartProps,
  language: string,
): uPlot.Options {
  const { series, scale = 'count', formatValue } = props;
  // Axis text in the muted text colour, lines in the border's: readable on both themes' panels.
  const line = resolveColor(element, 'var(--border)');
  const axis = {
    stroke: resolveColor(element, 'var(--muted)'),
    grid: { stroke: line },
    ticks: { stroke: line },
  };
  const yAxis: uPlot.Axis = {
    ...axis,
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
    axes: [{ ...axis, values: timeAxisValues(language) }, yAxis],
    series: [
      {},
      ...series.map((s) => {
        const color = resolveColor(element, s.color);
        return {
          label: s.label,
          stroke: color,
          width: 2,
          ...(s.fill ? { fill: `${color}40` } : {}),
          ...(s.stepped ? { paths: uPlot.paths.stepped?.({ align: 1 }) } : {}),
          // A value with no neighbour draws no line: it gets a dot, so that a lone sample (the
          // first one after a start) shows.
          points: {
            show: true,
            size: 6,
            fill: color,
            filter: (u: uPlot, index: number) => isolatedPoints(u.data[index] ?? []),
          },
        };
      }),
    ],
  };
}

/**
 * Values over time, drawn by uPlot on a canvas that follows its box's width; the report's
 * timeline and the admin page's charts. Redrawn when `data` or `series` change (pass stable
 * ones: memoise them) and when the system's theme does.
 */
export function TimeChart(props: TimeChartProps) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  // Redrawn when the system's theme changes: the palette's colours are read when drawing.
  const light = useMediaQuery('(prefers-color-scheme: light)');
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const { data, series } = props;
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const height = latest.current.height ?? 220;
    const options = chartOptions(element, element.clientWidth || 320, latest.current, language);
    const plot = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0) plot.setSize({ width: element.clientWidth, height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [data, series, language, light]);
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
