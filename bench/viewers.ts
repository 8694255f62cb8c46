// Viewers benchmark (issue 13): how many viewers of one 720p simulcast camera one box holds.
// The real app (embedded livekit-server) on free ports, one publisher and N subscribing viewers
// from the Go load generator in bench/viewers/, N ramped in steps; per step the CPU and memory
// of every part, what each viewer received, loss, NACKs and PLIs, join and first-packet times;
// a few viewers decode the video after each step (rtc-node) to prove the pictures are whole.
//
//   node --import tsx bench/viewers.ts
//
// Writes bench/results/viewers-<time>.json and .png. Settings: see bench/README.md.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { DecodeResult } from './viewers-decode.js';
import { buildLoadgen, encodeClips } from './viewers-loadgen.js';
import type { ClipSettings, LoadgenProcess } from './viewers-loadgen.js';
import { startLoadgen } from './viewers-loadgen.js';
import { printSteps, renderChart } from './viewers-report.js';
import { measureStep } from './viewers-step.js';
import type { StepResult } from './viewers-step.js';
import { createViewers } from './viewers-join.js';
import { extrapolate } from './viewers-stats.js';
import type { PublisherSnap } from './viewers-stats.js';
import { runLiveClassBench } from './live-class.mjs';
import { machineInfo, sleep, writeResults } from './support.mjs';

const env = process.env;
const settings = {
  steps: (env.BENCH_STEPS ?? '50,100,200,300,400,500').split(',').map(Number),
  holdSeconds: Number(env.BENCH_HOLD ?? 30),
  settleSeconds: Number(env.BENCH_SETTLE ?? 5),
  joinsPerSecond: Number(env.BENCH_JOIN_RATE ?? 10),
  decoders: Number(env.BENCH_DECODERS ?? 2),
  decodeSeconds: Number(env.BENCH_DECODE_SECONDS ?? 4),
  maxLossPercent: Number(env.BENCH_MAX_LOSS ?? 1),
  audio: env.BENCH_AUDIO !== '0',
  database: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  profileDir: env.BENCH_PROFILE_DIR,
};
const clip: ClipSettings = {
  seconds: 20,
  fps: 30,
  noise: 8,
  keyFrameSeconds: 2,
  audioKbps: 32,
  layers: [
    { rid: 'q', width: 320, height: 180, kbps: 150 },
    { rid: 'h', width: 640, height: 360, kbps: 500 },
    { rid: 'f', width: 1280, height: 720, kbps: Number(env.BENCH_TOP_KBPS ?? 2000) },
  ],
};

const log = (message: string) => console.log(`[viewers] ${message}`);

/** LiveKit's Prometheus listener: the fourth of the app's LiveKit ports (signal + 3). */
function livekitMetricsUrl(livekitUrl: string): string {
  const port = Number(new URL(livekitUrl).port) + 3;
  return `http://127.0.0.1:${port}/metrics`;
}

await runLiveClassBench(
  {
    prefix: 'viewers',
    title: 'Viewers bench',
    database: settings.database,
    log,
    prepare: async () => {
      // rtc-node logs at debug level unless in production; the bench's own process only.
      process.env.NODE_ENV = 'production';
      const { decodeWindow } = await import('./viewers-decode.js');
      return { decodeWindow, bin: buildLoadgen(log), clips: encodeClips(clip, log) };
    },
  },
  async ({ app, api, mentor, sessionId, cleanups, loadBefore, prepared }) => {
    const { decodeWindow, bin, clips } = prepared;
    const host = await api('POST', `/api/v1/live/sessions/${sessionId}/join`, mentor.token, {});

    // The publisher, then the viewers' process.
    const publisher = startLoadgen(
      bin,
      [
        'publish',
        '-url',
        app.livekitUrl,
        '-clips',
        clips.dir,
        '-fps',
        String(clip.fps),
        '-sizes',
        clip.layers.map((l) => `${l.width}x${l.height}`).join(','),
        `-audio=${settings.audio}`,
      ],
      cleanups,
      { LOADGEN_TOKEN: host.access_token as string },
    );
    let lastPublisher: PublisherSnap | undefined;
    publisher.on((e) => {
      if (e.ev === 'stats') lastPublisher = e as unknown as PublisherSnap;
    });
    await publisher.next((e) => e.ev === 'published', 30_000);
    log(`publisher up (clips: ${JSON.stringify(clips.fileKbps)} kbit/s)`);
    await sleep(3_000);

    const profile = settings.profileDir
      ? ['-cpuprofile', join(settings.profileDir, 'viewers.pprof')]
      : [];
    const viewers: LoadgenProcess = startLoadgen(
      bin,
      ['view', '-url', app.livekitUrl, ...profile],
      cleanups,
      // The generator is not what is measured: less garbage collection leaves LiveKit more CPU.
      { GOGC: '400' },
    );
    const joins = createViewers({ baseUrl: app.baseUrl, sessionId, viewers, log });
    const decode = async (count: number): Promise<DecodeResult[]> => {
      const tokens = await joins.sampleTokens(count);
      return Promise.all(
        tokens.map((t) =>
          decodeWindow(app.livekitUrl, t, settings.decodeSeconds, { width: 1280, height: 720 }),
        ),
      );
    };

    const steps: StepResult[] = [];
    let stoppedBecause = 'every step held';
    for (const target of settings.steps) {
      log(`step ${target}: joining ${target - joins.count()} viewers…`);
      const step = await measureStep({
        target,
        settings,
        joins,
        viewers,
        publisher: () => lastPublisher,
        pids: { app: app.pid!, viewers: viewers.pid, publisher: publisher.pid },
        livekitMetricsUrl: livekitMetricsUrl(app.livekitUrl),
        log,
      });
      step.decoded = settings.decoders > 0 ? await decode(settings.decoders) : [];
      steps.push(step);
      printSteps(steps);
      if (step.failure) {
        stoppedBecause = `step ${target}: ${step.failure}`;
        break;
      }
    }
    const held = steps.filter((s) => !s.failure);
    const loadAfter = loadavg();
    const report = {
      machine: { ...machineInfo(), loadBefore, loadAfter },
      settings,
      clip: { ...clip, fileKbps: clips.fileKbps },
      largestHeld: held.length ? held[held.length - 1]!.viewers : 0,
      stoppedBecause,
      // livekit-server's cost per viewer over the steps held, and what it says for bigger boxes.
      livekitCost: extrapolate(
        (held.length ? held : steps.slice(0, 1)).map((s) => ({
          viewers: s.viewers,
          livekitCores: s.cpu.livekit,
          generatorCores: s.cpu.viewers,
          livekitMicrosecondsPerPacketOut: s.livekitMicrosecondsPerPacketOut,
          packetsPerViewer:
            (s.received.videoPacketsPerSecond ?? 0) + (s.received.audioPacketsPerSecond ?? 0),
        })),
        [2, 4, 8, 16],
      ),
      steps,
    };
    log(`largest step held: ${report.largestHeld} viewers; ${stoppedBecause}`);
    log(`livekit-server cost: ${JSON.stringify(report.livekitCost)}`);
    const file = await writeResults('viewers', report);
    await renderChart(steps, file.replace(/\.json$/, '.png'));
    viewers.send({ op: 'quit' });
    await viewers.next((e) => e.ev === 'quit', 60_000).catch(() => undefined);
  },
);
