// Figures of one step of bench/viewers.ts from two snapshots of the Go viewers (view.go's
// "stats" lines) taken at the start and the end of the step's hold.

export interface StreamSnap {
  packets: number;
  bytes: number;
  padding: number;
  expected: number;
  idleMs: number;
}

export interface ViewerSnap {
  id: string;
  state: string;
  connectMs: number;
  firstPacketMs: number;
  video: StreamSnap;
  audio: StreamSnap;
  nacks: number;
  nackedSeqs: number;
  plis: number;
}

export interface PublisherLayerSnap {
  rid: string;
  width: number;
  height: number;
  bytes: number;
  frames: number;
  keyFrames: number;
  plis: number;
  firs: number;
  nacks: number;
}

export interface PublisherSnap {
  at: number;
  layers: PublisherLayerSnap[];
  audio?: { bytes: number; frames: number };
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const mean = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;

export const round = (v: number, digits = 2) =>
  Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null;

/** Loss in % of `expected`, never negative (a retransmission may arrive twice). */
const lossPercent = (expected: number, received: number) =>
  expected > 0 ? (Math.max(0, expected - received) / expected) * 100 : 0;

export interface ViewerWindow {
  viewers: number;
  /** Per viewer, over the hold: mean, the lowest and the 5th percentile of the viewers. */
  videoKbps: { mean: number | null; min: number | null; p5: number | null };
  videoPacketsPerSecond: number | null;
  /** LiveKit's bandwidth probes: RTP packets with padding only. */
  paddingPacketsPerSecond: number | null;
  audioKbps: number | null;
  audioPacketsPerSecond: number | null;
  loss: {
    /** All viewers' lost packets over all they expected, video and audio together, in %. */
    aggregatePercent: number | null;
    videoPercent: number | null;
    audioPercent: number | null;
    worstViewerPercent: number | null;
    viewersOver1Percent: number;
  };
  /** NACK packets the viewers sent per second (all viewers), and the packets they asked for. */
  nacksPerSecond: number | null;
  nackedPacketsPerSecond: number | null;
  plisFromViewers: number;
  /** Viewers not connected, silent for 2 s at the end, or with under half the median packets. */
  stalled: string[];
  /** Viewers that received less than `lowKbps` of video: a lower layer, or frames dropped. */
  belowTopLayer: number;
}

/** The figures of the viewers present at both snapshots, over `seconds`. */
export function viewerWindow(
  before: ViewerSnap[],
  after: ViewerSnap[],
  seconds: number,
  lowKbps: number,
): ViewerWindow {
  const start = new Map(before.map((v) => [v.id, v]));
  const rows = after
    .filter((v) => start.has(v.id))
    .map((v) => {
      const b = start.get(v.id)!;
      const d = (f: (s: ViewerSnap) => number) => f(v) - f(b);
      return {
        v,
        videoPackets: d((s) => s.video.packets),
        videoBytes: d((s) => s.video.bytes),
        videoExpected: d((s) => s.video.expected),
        padding: d((s) => s.video.padding),
        audioPackets: d((s) => s.audio.packets),
        audioBytes: d((s) => s.audio.bytes),
        audioExpected: d((s) => s.audio.expected),
        nacks: d((s) => s.nacks),
        nacked: d((s) => s.nackedSeqs),
        plis: d((s) => s.plis),
      };
    });
  const kbps = rows.map((r) => (r.videoBytes * 8) / 1000 / seconds);
  const medianPackets = quantile(
    rows.map((r) => r.videoPackets),
    0.5,
  );
  const stalled = rows
    .filter(
      (r) =>
        r.v.state !== 'connected' ||
        r.v.video.idleMs < 0 ||
        r.v.video.idleMs > 2000 ||
        r.videoPackets < medianPackets / 2,
    )
    .map((r) => r.v.id);
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
  const perViewerLoss = rows.map((r) =>
    lossPercent(r.videoExpected + r.audioExpected, r.videoPackets + r.audioPackets),
  );
  return {
    viewers: rows.length,
    videoKbps: {
      mean: round(mean(kbps), 0),
      min: round(Math.min(...kbps), 0),
      p5: round(quantile(kbps, 0.05), 0),
    },
    videoPacketsPerSecond: round(mean(rows.map((r) => r.videoPackets / seconds)), 1),
    paddingPacketsPerSecond: round(mean(rows.map((r) => r.padding / seconds)), 1),
    audioKbps: round(mean(rows.map((r) => (r.audioBytes * 8) / 1000 / seconds)), 1),
    audioPacketsPerSecond: round(mean(rows.map((r) => r.audioPackets / seconds)), 1),
    loss: {
      aggregatePercent: round(
        lossPercent(
          sum((r) => r.videoExpected + r.audioExpected),
          sum((r) => r.videoPackets + r.audioPackets),
        ),
        3,
      ),
      videoPercent: round(
        lossPercent(
          sum((r) => r.videoExpected),
          sum((r) => r.videoPackets),
        ),
        3,
      ),
      audioPercent: round(
        lossPercent(
          sum((r) => r.audioExpected),
          sum((r) => r.audioPackets),
        ),
        3,
      ),
      worstViewerPercent: round(Math.max(0, ...perViewerLoss), 3),
      viewersOver1Percent: perViewerLoss.filter((l) => l > 1).length,
    },
    nacksPerSecond: round(sum((r) => r.nacks) / seconds, 1),
    nackedPacketsPerSecond: round(sum((r) => r.nacked) / seconds, 1),
    plisFromViewers: sum((r) => r.plis),
    stalled,
    belowTopLayer: kbps.filter((k) => k < lowKbps).length,
  };
}

/** What the publisher sent per layer over the window: kbit/s, frames/s, key frames, PLIs. */
export function publisherWindow(before: PublisherSnap, after: PublisherSnap) {
  const seconds = (after.at - before.at) / 1000;
  const layers = after.layers.map((l) => {
    const b = before.layers.find((x) => x.rid === l.rid)!;
    return {
      rid: l.rid,
      size: `${l.width}x${l.height}`,
      kbps: round(((l.bytes - b.bytes) * 8) / 1000 / seconds, 0),
      fps: round((l.frames - b.frames) / seconds, 1),
      keyFrames: l.keyFrames - b.keyFrames,
      plis: l.plis - b.plis,
      firs: l.firs - b.firs,
      nacks: l.nacks - b.nacks,
    };
  });
  const audioKbps =
    after.audio && before.audio
      ? round(((after.audio.bytes - before.audio.bytes) * 8) / 1000 / seconds, 1)
      : null;
  return { seconds: round(seconds, 1), layers, audioKbps };
}

/** p50 and p99 of a list of milliseconds, rounded. */
export function p50p99(values: number[]) {
  return { p50: round(quantile(values, 0.5), 0), p99: round(quantile(values, 0.99), 0) };
}

/**
 * Least-squares line through (viewers, cores): the marginal cost of one more viewer (`slope`)
 * and the cost with none (`intercept`). Null with fewer than two points.
 */
export function fitLine(points: { x: number; y: number }[]) {
  if (points.length < 2) return null;
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope: round(slope, 5), intercept: round(my - slope * mx, 3) };
}

export interface CostInput {
  viewers: number;
  livekitCores: number | null;
  generatorCores: number | null;
  livekitMicrosecondsPerPacketOut: number | null;
  /** RTP packets a viewer received per second: video (padding included) and audio. */
  packetsPerViewer: number;
}

/**
 * livekit-server's cost per viewer, and what a box of N cores should hold for one publisher like
 * this one. On a shared box a starved process does less work for less CPU, so the line through
 * (viewers, cores) bends; the CPU per packet sent does not: the cost per viewer is LiveKit's
 * median µs per packet sent times the packets a viewer receives per second. A box's viewers are
 * those that fill `utilisation` of its cores (the rest for the app, bursts of joins, key frames
 * and the operating system).
 */
export function extrapolate(steps: CostInput[], coresList: number[], utilisation = 0.7) {
  const usable = steps.filter((s) => s.livekitMicrosecondsPerPacketOut !== null);
  if (usable.length === 0) return null;
  const usPerPacket = quantile(
    usable.map((s) => s.livekitMicrosecondsPerPacketOut!),
    0.5,
  );
  const packets = mean(usable.map((s) => s.packetsPerViewer));
  const perViewer = (usPerPacket * packets) / 1e6;
  const generator = quantile(
    usable.map((s) => (s.generatorCores ?? NaN) / s.viewers),
    0.5,
  );
  return {
    livekitMicrosecondsPerPacketOut: round(usPerPacket, 2),
    packetsPerViewerPerSecond: round(packets, 0),
    livekitCoresPerViewer: round(perViewer, 5),
    viewersPerCore: round(1 / perViewer, 0),
    utilisation,
    viewers: Object.fromEntries(
      coresList.map((c) => [`${c} cores`, Math.floor((c * utilisation) / perViewer)]),
    ),
    /** The Go viewers' own CPU per viewer here: what shares the box with LiveKit in this bench. */
    generatorCoresPerViewer: round(generator, 5),
    /** For comparison: the line through (viewers, livekit-server cores) over these steps. */
    line: fitLine(usable.map((s) => ({ x: s.viewers, y: s.livekitCores ?? NaN }))),
  };
}
