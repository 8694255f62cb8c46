import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartData } from './chart-data.js';

const HEIGHT = 220;
const AXIS = { stroke: '#9aa3b5', grid: { stroke: '#2f3441' }, ticks: { stroke: '#2f3441' } };

function chartOptions(width: number, seriesLabel: string): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: true },
      // People come whole: the y axis starts at 0 and leaves a little room above the peak.
      y: { range: (_u, _min, max) => [0, Math.max(2, Math.ceil(max * 1.2))] },
    },
    axes: [AXIS, { ...AXIS, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000] }],
    series: [
      {},
      {
        label: seriesLabel,
        stroke: '#5b8cff',
        width: 2,
        fill: 'rgba(91, 140, 255, 0.25)',
        // A count holds until the next change: steps, not slopes.
        paths: uPlot.paths.stepped?.({ align: 1 }),
        points: { show: false },
      },
    ],
  };
}

/**
 * People in the session over time, drawn by uPlot on a canvas that follows its box's width.
 * The canvas says nothing to a screen reader, so the box carries `label` (the summary).
 */
export function TimelineChart(props: { data: ChartData; label: string; seriesLabel: string }) {
  const { data, label, seriesLabel } = props;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const plot = new uPlot(chartOptions(element.clientWidth || 320, seriesLabel), data, element);
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0) plot.setSize({ width: element.clientWidth, height: HEIGHT });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [data, seriesLabel]);
  return (
    <div
      ref={box}
      className="report-chart"
      role="img"
      aria-label={label}
      data-testid="attendance-chart"
    />
  );
}
