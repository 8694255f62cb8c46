// Recorder benchmark: the CPU and memory of the built-in recorder (the app's own process, where
// the hidden participant decodes and composes the stage, plus its ffmpeg child) recording a 720p
// stage from a synthetic 720p publisher, at 30 fps and at 15 fps. See bench/README.md.
//
//   node bench/recorder.mjs
//
// Environment: BENCH_SECONDS (measured seconds per frame rate, default 30), BENCH_FPS (default
// "30,15"), BENCH_PRESET (x264 preset, default the app's own), BENCH_WIDTH / BENCH_HEIGHT
// (default 1280×720), BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test: the
// PostgreSQL server the bench creates its own database on, and drops; "pglite" for PGlite, whose
// WebAssembly heap makes the app's memory swing by hundreds of MB and hides the recorder's).
import { execFileSync } from 'node:child_process';
import console from 'node:console';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { performance } from 'node:perf_hooks';
import {
  apiClient,
  cleanupOnExit,
  createDatabase,
  importFromServer,
  livekitServerPath,
  machineInfo,
  printTable,
  sleep,
  startServer,
  writeResults,
} from './support.mjs';
import { rawFrameArgs } from '../scripts/raw-frame.mjs';

const settings = {
  seconds: Number(process.env.BENCH_SECONDS ?? 30),
  warmupSeconds: 5,
  baselineSeconds: 10,
  frameRates: (process.env.BENCH_FPS ?? '30,15').split(',').map((v) => Number(v.trim())),
  width: Number(process.env.BENCH_WIDTH ?? 1280),
  height: Number(process.env.BENCH_HEIGHT ?? 720),
  preset: process.env.BENCH_PRESET || undefined,
  adminDatabaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  publisher: { width: 1280, height: 720, fps: 30 },
};
/** At 720p30 the recorder (app process share + ffmpeg) uses at most one core. */
const goals = { coresAt720p30: 1 };

const log = (message) => console.log(`[bench] ${message}`);

async function main() {
  // Its ESM entry, beside the CommonJS one `require` finds.
  const rtc = await importFromServer('@livekit/rtc-node', 'index.js');
  const livekitBin = livekitServerPath();
  const ticksPerSecond = clockTicks();

  const cleanups = cleanupOnExit();

  const machine = machineInfo();
  log(`${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}`);

  const runs = [];
  try {
    for (const fps of settings.frameRates) {
      log(`— ${settings.width}x${settings.height} at ${fps} fps —`);
      const runCleanups = cleanups.mark();
      const dataDir = mkdtempSync(join(tmpdir(), 'stagecast-bench-recorder-'));
      cleanups.add(async () => rmSync(dataDir, { recursive: true, force: true }));
      const databaseUrl =
        settings.adminDatabaseUrl === 'pglite'
          ? undefined
          : await createDatabase(
              settings.adminDatabaseUrl,
              `stagecast_bench_${process.pid}_${fps}`,
              cleanups,
            );
      const app = await startServer({
        livekitBin,
        dataDir,
        databaseUrl,
        env: {
          RATE_LIMIT_MULTIPLIER: '1000',
          RECORDING_WIDTH: String(settings.width),
          RECORDING_HEIGHT: String(settings.height),
          RECORDING_FPS: String(fps),
          ...(settings.preset ? { RECORDING_PRESET: settings.preset } : {}),
        },
        cleanups,
        timeoutMs: 90_000,
        // Its graceful shutdown finalises a recording still running (an interrupted run) first.
        killAfterMs: 20_000,
      });

      const api = apiClient(app.baseUrl);
      const admin = await api('POST', '/api/v1/auth/register', undefined, {
        email: 'bench_admin@bench.example',
        username: 'bench_admin',
        password: 'correct horse battery',
      });
      const session = await api('POST', '/api/v1/live/sessions', admin.token, {
        title: 'Recorder bench',
        start_now: true,
      });
      const publisher = await publish(rtc, app.livekitUrl, session.host_token);
      cleanups.add(publisher.stop);
      await sleep(3_000);

      const node = (pid) => ({ ticks: cpuTicks(pid), at: performance.now() });
      const share = (pid, from) =>
        (cpuTicks(pid) - from.ticks) / ticksPerSecond / ((performance.now() - from.at) / 1000);

      // The app with the publisher connected but nothing recorded.
      const base = node(app.pid);
      const baseRss = await sampleRss([app.pid], settings.baselineSeconds);
      const baselineCpu = share(app.pid, base);
      log(`app alone: ${pct(baselineCpu)} of a core, ${baseRss[0].max.toFixed(0)} MB`);

      const started = await api(
        'POST',
        `/api/v1/live/sessions/${session.session_id}/recording/start`,
        admin.token,
      );
      const id = started.recording.recording_id;
      const ffmpegPid = pidsWithCommandLine(`${id}.mp4`)[0];
      if (!ffmpegPid) throw new Error('the recorder started no ffmpeg');
      await sleep(settings.warmupSeconds * 1000);
      const appFrom = node(app.pid);
      const ffFrom = node(ffmpegPid);
      const [appRss, ffRss] = await sampleRss([app.pid, ffmpegPid], settings.seconds);
      const appCpu = share(app.pid, appFrom);
      const ffmpegCpu = share(ffmpegPid, ffFrom);
      const stopped = await api(
        'POST',
        `/api/v1/live/sessions/${session.session_id}/recording/stop`,
        admin.token,
      );
      if (stopped.recording.status !== 'complete')
        throw new Error(`recording ended ${stopped.recording.status}: ${stopped.recording.error}`);

      // The bench measures a recording of the publisher, not of a black stage: check the picture.
      const picture = pictureStats(join(dataDir, 'recordings', `${id}.mp4`), settings.seconds / 2);
      if (picture && picture.lumaSpread < 20)
        throw new Error(`the recording shows no picture: ${JSON.stringify(picture)}`);

      const recorderCpu = appCpu - baselineCpu + ffmpegCpu;
      const result = {
        fps,
        width: settings.width,
        height: settings.height,
        preset: settings.preset ?? 'default (veryfast)',
        measuredSeconds: settings.seconds,
        cpuShareOfOneCore: {
          recorder: round(recorderCpu),
          appWhileRecording: round(appCpu),
          appBaseline: round(baselineCpu),
          ffmpeg: round(ffmpegCpu),
        },
        rssMb: {
          recorder: round(appRss.mean - baseRss[0].mean + ffRss.mean, 1),
          appWhileRecording: round(appRss.mean, 1),
          appWhileRecordingMax: round(appRss.max, 1),
          appBaseline: round(baseRss[0].mean, 1),
          ffmpeg: round(ffRss.mean, 1),
          ffmpegMax: round(ffRss.max, 1),
        },
        file: {
          durationSeconds: stopped.recording.duration_seconds,
          sizeBytes: stopped.recording.size_bytes,
          picture,
        },
      };
      runs.push(result);
      log(
        `recorder: ${pct(recorderCpu)} of a core (app +${pct(appCpu - baselineCpu)}, ffmpeg ${pct(ffmpegCpu)}), ` +
          `RSS +${result.rssMb.recorder} MB; file ${result.file.durationSeconds} s, ` +
          `${(result.file.sizeBytes / 1e6).toFixed(1)} MB`,
      );
      await cleanups.unwindTo(runCleanups);
    }

    const rows = [
      ['stage', 'recorder CPU', 'app +CPU', 'ffmpeg CPU', 'recorder RSS', 'ffmpeg RSS', 'MB/min'],
      ...runs.map((r) => [
        `${r.width}x${r.height}@${r.fps}`,
        `${pct(r.cpuShareOfOneCore.recorder)} core`,
        pct(r.cpuShareOfOneCore.appWhileRecording - r.cpuShareOfOneCore.appBaseline),
        pct(r.cpuShareOfOneCore.ffmpeg),
        `${r.rssMb.recorder} MB`,
        `${r.rssMb.ffmpeg} MB`,
        ((r.file.sizeBytes / 1e6 / r.file.durationSeconds) * 60).toFixed(1),
      ]),
    ];
    printTable(rows);
    const at30 = runs.find((r) => r.fps === 30 && r.width === 1280 && r.height === 720);
    const goalMet = at30 ? at30.cpuShareOfOneCore.recorder <= goals.coresAt720p30 : undefined;
    console.log(
      `\ngoal: the recorder uses ≤ ${goals.coresAt720p30} core at 1280x720@30` +
        (goalMet === undefined ? ' (not measured)' : goalMet ? ': met' : ': NOT met'),
    );

    await writeResults('recorder', {
      machine,
      settings: {
        ...settings,
        adminDatabaseUrl: undefined,
        database: settings.adminDatabaseUrl === 'pglite' ? 'pglite' : 'postgres',
      },
      goals,
      goalMet,
      runs,
    });
  } finally {
    await cleanups.runAll();
    // The WebRTC stack's native handles would keep this process alive.
    await rtc.dispose().catch(() => undefined);
  }
}

/**
 * A synthetic 720p publisher in this process, at 30 fps: a textured picture (like a camera's,
 * which x264 finds harder than flat colour) with a moving bar and a moving block of fresh noise,
 * so every frame has new detail to encode; and a 440 Hz tone.
 */
async function publish(rtc, url, token) {
  const { width, height, fps } = settings.publisher;
  const room = new rtc.Room();
  await room.connect(url, token, { autoSubscribe: false, dynacast: false });
  const source = new rtc.VideoSource(width, height);
  const track = rtc.LocalVideoTrack.createVideoTrack('bench-camera', source);
  const options = new rtc.TrackPublishOptions();
  options.source = rtc.TrackSource.SOURCE_CAMERA;
  await room.localParticipant.publishTrack(track, options);

  const lumaSize = width * height;
  const background = new Uint8Array(lumaSize);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const texture = ((x * 7) ^ (y * 13)) & 31;
      background[y * width + x] = (40 + ((y * 140) / height + texture + Math.random() * 12)) | 0;
    }
  }
  const data = new Uint8Array((lumaSize * 3) / 2);
  data.set(background);
  data.fill(110, lumaSize, lumaSize * 1.25);
  data.fill(150, lumaSize * 1.25);
  const bar = 80;
  const block = 256;
  let tick = 0;
  const restore = (x0, y0, w, h) => {
    for (let y = y0; y < Math.min(height, y0 + h); y += 1) {
      const row = y * width;
      data.set(background.subarray(row + x0, row + Math.min(width, x0 + w)), row + x0);
    }
  };
  const timer = setInterval(() => {
    const barX = (tick * 8) % width;
    const blockX = (tick * 6) % (width - block);
    const blockY = Math.abs(((tick * 4) % (2 * (height - block))) - (height - block));
    restore(barX, 0, bar, height);
    restore(blockX, blockY, block, block);
    tick += 1;
    const nextBar = (tick * 8) % width;
    const nextX = (tick * 6) % (width - block);
    const nextY = Math.abs(((tick * 4) % (2 * (height - block))) - (height - block));
    for (let y = 0; y < height; y += 1) {
      data.fill(235, y * width + nextBar, y * width + Math.min(width, nextBar + bar));
    }
    for (let y = nextY; y < nextY + block; y += 1) {
      for (let x = nextX; x < nextX + block; x += 1)
        data[y * width + x] = (Math.random() * 255) | 0;
    }
    source.captureFrame(new rtc.VideoFrame(data, width, height, rtc.VideoBufferType.I420));
  }, 1000 / fps);

  const audio = new rtc.AudioSource(48_000, 1, 100);
  const audioTrack = rtc.LocalAudioTrack.createAudioTrack('bench-tone', audio);
  const audioOptions = new rtc.TrackPublishOptions();
  audioOptions.source = rtc.TrackSource.SOURCE_MICROPHONE;
  await room.localParticipant.publishTrack(audioTrack, audioOptions);
  let running = true;
  let n = 0;
  const tone = (async () => {
    while (running) {
      const pcm = new Int16Array(480);
      for (let i = 0; i < pcm.length; i += 1, n += 1) {
        pcm[i] = Math.round(6000 * Math.sin((2 * Math.PI * 440 * n) / 48_000));
      }
      await audio.captureFrame(new rtc.AudioFrame(pcm, 48_000, 1, pcm.length));
    }
  })().catch(() => undefined);

  return {
    stop: async () => {
      clearInterval(timer);
      running = false;
      await tone;
      await room.disconnect();
    },
  };
}

/** Mean and spread of the luma of one frame of `file` at `seconds` (undefined without ffmpeg). */
function pictureStats(file, seconds) {
  try {
    const gray = execFileSync(
      'ffmpeg',
      rawFrameArgs({ file, seconds, size: '160x90', pixelFormat: 'gray' }),
      { maxBuffer: 1024 * 1024 },
    );
    let sum = 0;
    let min = 255;
    let max = 0;
    for (const v of gray) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return { meanLuma: round(sum / gray.length, 1), lumaSpread: max - min };
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, in clock ticks (`/proc/<pid>/stat`). */
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state is field 3, utime 14 and stime 15 (1-based, see proc(5)).
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** RSS of each pid every second for `seconds`: the largest and the mean. */
async function sampleRss(pids, seconds) {
  const samples = pids.map(() => []);
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    pids.forEach((pid, i) => samples[i].push(rssMb(pid)));
    await sleep(1000);
  }
  return samples.map((s) => ({
    max: Math.max(...s),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  }));
}

function clockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

function pidsWithCommandLine(needle) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

const pct = (share) => `${(share * 100).toFixed(0)} %`;
const round = (v, digits = 3) => Number(v.toFixed(digits));

await main();
process.exit(0);
