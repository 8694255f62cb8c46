// One step of bench/viewers.ts: join viewers up to the step's count, let them settle, then hold
// and measure every part over the hold.
import { readdirSync, readFileSync } from 'node:fs';
import { clockTicks, cpuTicks, rssMb } from './proc-stats.mjs';
import { sleep } from './support.mjs';
import type { DecodeResult } from './viewers-decode.js';
import type { Viewers } from './viewers-join.js';
import type { LoadgenProcess } from './viewers-loadgen.js';
import { p50p99, publisherWindow, round, viewerWindow } from './viewers-stats.js';
import type { PublisherSnap, ViewerSnap, ViewerWindow } from './viewers-stats.js';

export interface StepResult {
  viewers: number;
  /** The step's new viewers: API join, SDK connect, connect → first video packet (ms). */
  newViewers: {
    count: number;
    joinMs: ReturnType<typeof p50p99>;
    connectMs: ReturnType<typeof p50p99>;
    firstPacketMs: ReturnType<typeof p50p99>;
    failures: number;
    firstFailures: { id: string; error: string }[];
  };
  holdSeconds: number;
  /** Share of one core over the hold. */
  cpu: Record<'livekit' | 'app' | 'viewers' | 'publisher' | 'bench', number | null>;
  /**
   * Time the process's threads were ready to run but waited for a CPU (the kernel's schedstat),
   * in thread-seconds per second: where this grows, the box has run out of CPU for that part.
   */
  runQueueWait: Record<'livekit' | 'app' | 'viewers' | 'publisher', number | null>;
  /**
   * The whole machine over the hold (/proc/stat), in cores: busy in all, and busy with other
   * work than this bench's processes (other users of a shared box).
   */
  machine: { busyCores: number | null; otherCores: number | null };
  /** livekit-server's packets sent per second, and its CPU per packet sent (µs). */
  livekitPacketsOutPerSecond: number | null;
  livekitMicrosecondsPerPacketOut: number | null;
  /** Largest RSS over the hold, MB. */
  rssMb: Record<'livekit' | 'app' | 'viewers' | 'publisher', number | null>;
  received: ViewerWindow;
  published: ReturnType<typeof publisherWindow> | null;
  /** LiveKit's own counters over the hold (its Prometheus listener). */
  livekit: Record<string, number>;
  /**
   * The kernel's UDP counters over the hold (/proc/net/snmp, the whole machine): datagrams
   * dropped because a socket's receive buffer was full say a receiver fell behind.
   */
  udp: Record<string, number>;
  decoded: DecodeResult[];
  failure?: string;
}

/** The pid of `parent`'s child whose command line contains `needle`. */
export function childPid(parent: number, needle: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) return Number(entry);
    } catch {
      // gone while we looked
    }
  }
  return undefined;
}

/**
 * LiveKit's counters of packets, bytes, NACKs and PLIs, summed by name and direction: e.g.
 * `livekit_nack_total{direction="incoming"}` → `nack_total incoming`. LiveKit exports a
 * NACK or PLI counter once it has counted one.
 */
async function livekitCounters(url: string): Promise<Record<string, number>> {
  const text = await fetch(url)
    .then((r) => r.text())
    .catch(() => '');
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m =
      /^livekit_(packet_total|packet_bytes|nack_total|pli_total|fir_total)(\{[^}]*\})? (\S+)$/.exec(
        line,
      );
    if (!m) continue;
    const direction = /direction="([^"]+)"/.exec(m[2] ?? '')?.[1] ?? 'all';
    const key = `${m[1]} ${direction}`;
    out[key] = (out[key] ?? 0) + Number(m[3]);
  }
  return out;
}

/** Nanoseconds the threads of `pid` have waited on a run queue (/proc/<pid>/task/<tid>/schedstat). */
function runQueueWaitNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]);
    } catch {
      // the thread ended while we looked
    }
  }
  return total;
}

/** Busy and total jiffies of the whole machine (/proc/stat's first line). */
function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const v = fields.map(Number);
  // user nice system idle iowait irq softirq steal (guest time is inside user already)
  const idle = v[3]! + v[4]!;
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

function udpCounters(): Record<string, number> {
  const lines = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Udp:'));
  const names = lines[0]?.split(/\s+/).slice(1) ?? [];
  const values = lines[1]?.split(/\s+/).slice(1).map(Number) ?? [];
  const out: Record<string, number> = {};
  for (const name of ['InDatagrams', 'InErrors', 'RcvbufErrors', 'SndbufErrors']) {
    const i = names.indexOf(name);
    if (i >= 0) out[name] = values[i]!;
  }
  return out;
}

async function viewerStats(viewers: LoadgenProcess): Promise<{ at: number; list: ViewerSnap[] }> {
  const answer = viewers.next((e) => e.ev === 'stats', 30_000);
  viewers.send({ op: 'stats' });
  const e = await answer;
  return { at: e.at as number, list: e.viewers as ViewerSnap[] };
}

export async function measureStep(o: {
  target: number;
  settings: {
    holdSeconds: number;
    settleSeconds: number;
    joinsPerSecond: number;
    maxLossPercent: number;
  };
  joins: Viewers;
  viewers: LoadgenProcess;
  publisher: () => PublisherSnap | undefined;
  pids: { app: number; viewers: number; publisher: number };
  livekitMetricsUrl: string;
  log: (m: string) => void;
}): Promise<StepResult> {
  const { settings } = o;
  const added = await o.joins.addUntil(
    o.target,
    settings.joinsPerSecond,
    30_000 + (o.target * 1000) / settings.joinsPerSecond,
  );
  const firsts = [...added.first.values()];
  o.log(
    `step ${o.target}: ${firsts.length} new viewers receiving, ${added.failures.length} failed; holding ${settings.holdSeconds} s`,
  );
  await sleep(settings.settleSeconds * 1000);

  const livekitPid = childPid(o.pids.app, 'livekit-server');
  const pids = {
    livekit: livekitPid,
    app: o.pids.app,
    viewers: o.pids.viewers,
    publisher: o.pids.publisher,
  };
  const ticks = () =>
    Object.fromEntries(
      Object.entries(pids).map(([k, pid]) => [k, pid ? cpuTicks(pid) : NaN]),
    ) as Record<keyof typeof pids, number>;
  const waits = () =>
    Object.fromEntries(
      Object.entries(pids).map(([k, pid]) => [k, pid ? runQueueWaitNs(pid) : NaN]),
    ) as Record<keyof typeof pids, number>;

  const counters0 = await livekitCounters(o.livekitMetricsUrl);
  const udp0 = udpCounters();
  const pub0 = o.publisher();
  const ticks0 = ticks();
  const machine0 = machineTicks();
  const waits0 = waits();
  const bench0 = process.cpuUsage();
  const started = performance.now();
  const stats0 = await viewerStats(o.viewers);
  const rss: Record<keyof typeof pids, number> = { livekit: 0, app: 0, viewers: 0, publisher: 0 };
  const end = Date.now() + settings.holdSeconds * 1000;
  while (Date.now() < end) {
    for (const [k, pid] of Object.entries(pids) as [keyof typeof pids, number | undefined][]) {
      if (pid) rss[k] = Math.max(rss[k], rssMb(pid));
    }
    await sleep(Math.min(1000, Math.max(0, end - Date.now())));
  }
  const stats1 = await viewerStats(o.viewers);
  const ticks1 = ticks();
  const machine1 = machineTicks();
  const waits1 = waits();
  const seconds = (performance.now() - started) / 1000;
  const bench1 = process.cpuUsage(bench0);
  const pub1 = o.publisher();
  const counters1 = await livekitCounters(o.livekitMetricsUrl);
  const udp1 = udpCounters();

  const hz = clockTicks();
  const cores = (k: keyof typeof pids) => round((ticks1[k] - ticks0[k]) / hz / seconds, 3);
  const waiting = (k: keyof typeof pids) => round((waits1[k] - waits0[k]) / 1e9 / seconds, 3);
  const published = pub0 && pub1 ? publisherWindow(pub0, pub1) : null;
  // The top layer's bitrate as sent: a viewer getting under 90 % of it (RTP headers add about
  // 1 %) gets a lower layer, or frames were dropped on the way.
  const topKbps = published?.layers.find((l) => l.rid === 'f')?.kbps ?? 0;
  const received = viewerWindow(
    stats0.list,
    stats1.list,
    (stats1.at - stats0.at) / 1000,
    topKbps * 0.9,
  );
  const livekit: Record<string, number> = {};
  for (const [k, v] of Object.entries(counters1)) livekit[k] = v - (counters0[k] ?? 0);
  const busyCores = (machine1.busy - machine0.busy) / hz / seconds;
  const ours = (['livekit', 'app', 'viewers', 'publisher'] as const).reduce(
    (a, k) => a + (cores(k) ?? 0),
    (bench1.user + bench1.system) / 1e6 / seconds,
  );
  const packetsOut = (livekit['packet_total outgoing'] ?? NaN) / seconds;
  const livekitCores = cores('livekit');

  const result: StepResult = {
    viewers: o.target,
    newViewers: {
      count: added.joined.length,
      joinMs: p50p99(added.joined.map((j) => j.joinMs)),
      connectMs: p50p99(firsts.map((f) => f.connectMs)),
      firstPacketMs: p50p99(firsts.map((f) => f.firstPacketMs)),
      failures: added.failures.length,
      firstFailures: added.failures.slice(0, 5),
    },
    holdSeconds: round(seconds, 1)!,
    cpu: {
      livekit: livekitCores,
      app: cores('app'),
      viewers: cores('viewers'),
      publisher: cores('publisher'),
      bench: round((bench1.user + bench1.system) / 1e6 / seconds, 3),
    },
    runQueueWait: {
      livekit: waiting('livekit'),
      app: waiting('app'),
      viewers: waiting('viewers'),
      publisher: waiting('publisher'),
    },
    machine: { busyCores: round(busyCores, 2), otherCores: round(busyCores - ours, 2) },
    livekitPacketsOutPerSecond: round(packetsOut, 0),
    livekitMicrosecondsPerPacketOut:
      livekitCores === null ? null : round((livekitCores / packetsOut) * 1e6, 2),
    rssMb: {
      livekit: round(rss.livekit, 0),
      app: round(rss.app, 0),
      viewers: round(rss.viewers, 0),
      publisher: round(rss.publisher, 0),
    },
    received,
    published,
    livekit,
    udp: Object.fromEntries(Object.entries(udp1).map(([k, v]) => [k, v - (udp0[k] ?? 0)])),
    decoded: [],
  };
  const loss = received.loss.aggregatePercent ?? 0;
  if (added.failures.length > 0) {
    result.failure = `${added.failures.length} viewers did not connect or got no video`;
  } else if (received.stalled.length > 0) {
    result.failure = `${received.stalled.length} stalled viewers`;
  } else if (loss > settings.maxLossPercent) {
    result.failure = `${loss} % loss`;
  } else if (received.belowTopLayer > 0) {
    result.failure = `${received.belowTopLayer} viewers got under 90 % of the 720p layer's bitrate`;
  }
  return result;
}
