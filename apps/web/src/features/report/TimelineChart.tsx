import { useMemo } from 'react';
import { TimeChart } from '../../lib/TimeChart.js';
import type { ChartData } from './chart-data.js';

/** People in the session over time: one stepped, shaded series. */
export function TimelineChart(props: { data: ChartData; label: string; seriesLabel: string }) {
  const { data, label, seriesLabel } = props;
  const series = useMemo(
    () => [{ label: seriesLabel, color: 'var(--chart-blue)', fill: true, stepped: true }],
    [seriesLabel],
  );
  return <TimeChart data={data} series={series} label={label} testId="attendance-chart" />;
}
