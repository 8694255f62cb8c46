import type { AttendanceReport } from '@stagecast/contracts';

/** uPlot's aligned data: x in Unix seconds, y the people present from then on. */
export type ChartData = [xs: number[], ys: number[]];

const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * The report's timeline as chart data: from the session's start (or its first arrival, if
 * someone came earlier, e.g. the host preparing) at 0, each change, and a last point at its end
 * (or `now` while it is live) so the final level is drawn to the edge.
 */
export function chartData(report: AttendanceReport, now: number): ChartData {
  const xs: number[] = [];
  const ys: number[] = [];
  const push = (x: number, y: number) => {
    if (xs.length > 0 && xs[xs.length - 1] === x) ys[ys.length - 1] = y;
    else if (xs.length === 0 || x > xs[xs.length - 1]!) {
      xs.push(x);
      ys.push(y);
    }
  };
  const first = report.timeline[0];
  const started = report.session.started_at;
  const start = Math.min(
    started ? seconds(started) : Infinity,
    first ? seconds(first.at) : Infinity,
  );
  if (Number.isFinite(start)) push(start, 0);
  for (const point of report.timeline) push(seconds(point.at), point.count);
  const end = report.session.ended_at ? seconds(report.session.ended_at) : now / 1000;
  if (xs.length > 0) push(Math.max(end, xs[xs.length - 1]!), ys[ys.length - 1]!);
  return [xs, ys];
}
