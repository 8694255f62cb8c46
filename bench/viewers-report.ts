// The table bench/viewers.ts prints after each step, and its chart (bench/chart.ts: uPlot in
// Debian's Chromium, saved as a PNG beside the results).
import { renderChart as drawChart, uplotPage } from './chart.js';
import { printTable } from './support.mjs';
import type { StepResult } from './viewers-step.js';

const fmt = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '-' : v.toFixed(digits);

export function stepRow(s: StepResult): string[] {
  const r = s.received;
  const decoded = s.decoded
    .map((d) => (d.error ? 'error' : `${d.expectedSizeFrames}/${d.frames}@${d.fps}`))
    .join(' ');
  return [
    String(s.viewers),
    fmt(s.cpu.livekit),
    fmt(s.rssMb.livekit, 0),
    fmt(s.cpu.app),
    fmt(s.cpu.viewers),
    fmt(s.cpu.publisher),
    `${fmt(s.runQueueWait.livekit)}/${fmt(s.runQueueWait.viewers)}`,
    fmt(s.machine.otherCores),
    `${fmt(r.videoKbps.mean, 0)} (${fmt(r.videoKbps.min, 0)})`,
    fmt(r.videoPacketsPerSecond, 0),
    `${fmt(r.loss.aggregatePercent, 3)} / ${fmt(r.loss.worstViewerPercent, 2)}`,
    fmt(r.nacksPerSecond, 1),
    String((s.published?.layers ?? []).reduce((a, l) => a + l.plis, 0)),
    `${fmt(s.newViewers.joinMs.p50, 0)}/${fmt(s.newViewers.joinMs.p99, 0)}`,
    `${fmt(s.newViewers.firstPacketMs.p50, 0)}/${fmt(s.newViewers.firstPacketMs.p99, 0)}`,
    String(r.stalled.length + s.newViewers.failures),
    decoded || '-',
  ];
}

export const HEADER = [
  'viewers',
  'LK cores',
  'LK MB',
  'app',
  'gen',
  'pub',
  'wait LK/gen',
  'others',
  'kbit/s (min)',
  'pkt/s',
  'loss % (worst)',
  'NACK/s',
  'PLIs',
  'join ms',
  '1st pkt ms',
  'bad',
  'decoded 720p/all@fps',
];

export function printSteps(steps: StepResult[]): void {
  printTable([HEADER, ...steps.map(stepRow)]);
}

function chartPage(steps: StepResult[]): string {
  const x = steps.map((s) => s.viewers);
  const data = {
    cpu: [
      x,
      steps.map((s) => s.cpu.livekit),
      steps.map((s) => s.cpu.app),
      steps.map((s) => s.cpu.viewers),
      steps.map((s) => s.cpu.publisher),
    ],
    loss: [
      x,
      steps.map((s) => s.received.loss.aggregatePercent),
      steps.map((s) => s.received.loss.worstViewerPercent),
      steps.map((s) => (s.received.videoKbps.mean ?? 0) / 1000),
    ],
  };
  return uplotPage(
    '<div id="cpu"></div><div id="loss"></div>',
    `
const data = ${JSON.stringify(data)};
const common = { width: 620, height: 380, legend: { live: false } };
const upTo = (rows, floor) => [0, Math.max(floor, ...rows.flat().filter((v) => v !== null)) * 1.15];
const pts = { show: true, size: 7 };
new uPlot({ ...common, title: 'CPU (cores) against viewers',
  scales: { x: { time: false }, y: { range: () => upTo(data.cpu.slice(1), 0.1) } },
  axes: [{ label: 'viewers' }, { label: 'cores' }],
  series: [{ label: 'viewers' },
    { label: 'livekit-server', stroke: '#d62728', width: 2, points: pts },
    { label: 'app', stroke: '#1f77b4', width: 2, points: pts },
    { label: 'Go viewers', stroke: '#2ca02c', width: 2, points: pts },
    { label: 'publisher', stroke: '#9467bd', width: 2, points: pts }] },
  data.cpu, document.getElementById('cpu'));
new uPlot({ ...common, title: 'Loss (%) and received video (Mbit/s per viewer)',
  scales: { x: { time: false }, y: { range: () => upTo(data.loss.slice(1, 3), 2) },
    mbit: { range: [0, 3] } },
  axes: [{ label: 'viewers' }, { label: 'loss %' },
    { scale: 'mbit', side: 1, label: 'Mbit/s', grid: { show: false } }],
  series: [{ label: 'viewers' },
    { label: 'loss, all viewers %', stroke: '#d62728', width: 2, points: pts },
    { label: 'worst viewer %', stroke: '#ff7f0e', width: 2, dash: [6, 4], points: pts },
    { label: 'video Mbit/s per viewer', scale: 'mbit', stroke: '#1f77b4', width: 2, points: pts }] },
  data.loss, document.getElementById('loss'));
`,
  );
}

/** Draws the chart in headless Chromium and writes it to `file` (PNG). */
export async function renderChart(steps: StepResult[], file: string): Promise<void> {
  await drawChart(chartPage(steps), file, { width: 1300, height: 440 });
}
