import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rawFrameArgs } from '../../../scripts/raw-frame.mjs';
import { recordings } from '../src/db/schema.js';
import type { Cast } from './support/api.js';
import { publishSineTone } from './support/audio.js';
import { publishSyntheticVideo } from './support/media.js';
import type { Publisher } from './support/media.js';
import { pidsWithCommandLine, waitFor } from './support/processes.js';
import { publishSolidScreenShare } from './support/screen-share.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

const run = promisify(execFile);
const WIDTH = 640;
const HEIGHT = 360;
const YELLOW: [number, number, number] = [230, 200, 20];

interface Probe {
  streams: {
    codec_type: string;
    codec_name: string;
    width?: number;
    height?: number;
    duration: string;
  }[];
  format: { duration: string };
}

async function ffprobe(file: string): Promise<Probe> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,width,height,duration:format=duration',
    '-of',
    'json',
    file,
  ]);
  return JSON.parse(stdout) as Probe;
}

/** One frame at `seconds`, scaled to 64×36 RGB. */
async function frameAt(file: string, seconds: number): Promise<Buffer> {
  const { stdout } = await run(
    'ffmpeg',
    rawFrameArgs({ file, seconds, size: '64x36', pixelFormat: 'rgb24' }),
    { encoding: 'buffer', maxBuffer: 1024 * 1024 },
  );
  return stdout;
}

function averageColour(rgb: Buffer, columns?: [number, number]): [number, number, number] {
  const sum: [number, number, number] = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const x = (i / 3) % 64;
    if (columns && (x < columns[0] || x > columns[1])) continue;
    sum[0] += rgb[i]!;
    sum[1] += rgb[i + 1]!;
    sum[2] += rgb[i + 2]!;
    n += 1;
  }
  return sum.map((v) => v / n) as [number, number, number];
}

const near = (a: number[], b: number[], tolerance: number) =>
  a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

async function meanVolumeDb(file: string): Promise<number> {
  const { stderr } = await run('ffmpeg', [
    '-hide_banner',
    '-i',
    file,
    '-map',
    '0:a',
    '-af',
    'volumedetect',
    '-f',
    'null',
    '-',
  ]);
  return Number(/mean_volume: (-?[\d.]+) dB/.exec(stderr)?.[1] ?? '-200');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('recording with the built-in recorder (real LiveKit, rtc-node publishers, ffmpeg)', () => {
  let stack: Stack;
  let c: Cast;
  const cleanups: (() => Promise<void>)[] = [];
  /** The first test's recording, downloaded by a later test. */
  let finished: { id: string; file: string; size: number; sessionId: string } | undefined;

  const fileOf = (id: string) => join(stack.config.dataDir, 'recordings', `${id}.mp4`);
  const list = (sessionId: string, token = c.mentor.token) =>
    c.api.call('GET', `/api/v1/live/sessions/${sessionId}/recordings`, { token });
  const start = (sessionId: string, token = c.mentor.token) =>
    c.api.call('POST', `/api/v1/live/sessions/${sessionId}/recording/start`, { token });
  const stop = (sessionId: string, token = c.mentor.token) =>
    c.api.call('POST', `/api/v1/live/sessions/${sessionId}/recording/stop`, { token });

  /** A live session whose host publishes a moving camera picture and a tone. */
  async function liveSessionWithPublisher(body: Record<string, unknown> = {}) {
    const s = await c.api.createSession(c.mentor.token, { start_now: true, ...body });
    const camera: Publisher = await publishSyntheticVideo(stack.livekitUrl, s.host_token);
    const tone = await publishSineTone(camera.room);
    const stopAll = async () => {
      await tone.stop();
      await camera.stop();
    };
    cleanups.push(stopAll);
    return { s, camera, tone, stopAll };
  }

  useStack({
    env: {
      RECORDING_WIDTH: String(WIDTH),
      RECORDING_HEIGHT: String(HEIGHT),
      RECORDING_FPS: '15',
      RECORDING_PRESET: 'veryfast',
      RECORDING_THREADS: '1',
    },
    onReady: (ready) => ({ stack, c } = ready),
    beforeStop: async () => {
      for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    },
  });

  it('records a 12 s session into an MP4 with H.264 video, AAC audio and pictures that change, and switches the stage to a screen share started halfway', async () => {
    const { s, camera, stopAll } = await liveSessionWithPublisher();
    const startedAt = Date.now();
    const started = await start(s.session_id);
    expect(started.status).toBe(200);
    expect(started.body.recording).toMatchObject({ status: 'active', backend: 'builtin' });
    const id = started.body.recording.recording_id as string;
    // Everyone in the room is told: the room metadata says so.
    await waitFor(
      () => JSON.parse(camera.room.metadata || '{}').recording === true,
      5_000,
      'room metadata recording: true',
    );
    // And LiveKit itself flags the room (its recorder participant): clients' `room.isRecording`.
    await waitFor(() => camera.room.isRecording, 5_000, 'room.isRecording');
    // Twelve seconds prove what twenty did (codecs, one clock, pictures that change, the tone)
    // and, with a screen share from the middle on, the stage's switch, which had a 12 s
    // recording of its own before; bench/ is where long recordings belong.
    await sleep(6_000);
    const screen = await publishSolidScreenShare(camera.room, YELLOW);
    await sleep(6_000);
    const stopped = await stop(s.session_id);
    // The file can last no longer than from the start call to the stop's answer (the waits for
    // the room's flags above are part of it: seconds on a loaded machine).
    const recordedAtMost = (Date.now() - startedAt) / 1000;
    expect(stopped.status).toBe(200);
    expect(stopped.body.recording.status).toBe('complete');
    await waitFor(
      () => JSON.parse(camera.room.metadata || '{}').recording === false,
      5_000,
      'room metadata recording: false',
    );
    await screen.stop();
    await stopAll();

    const file = fileOf(id);
    const probe = await ffprobe(file);
    const video = probe.streams.find((st) => st.codec_type === 'video');
    const audio = probe.streams.find((st) => st.codec_type === 'audio');
    expect(video).toMatchObject({ codec_name: 'h264', width: WIDTH, height: HEIGHT });
    expect(audio?.codec_name).toBe('aac');
    const duration = Number(probe.format.duration);
    expect(duration).toBeGreaterThan(10.5);
    expect(duration).toBeLessThan(recordedAtMost + 0.5);
    // One clock drives both: the audio lasts as long as the video.
    expect(Math.abs(Number(video!.duration) - Number(audio!.duration))).toBeLessThan(0.3);
    // The camera's picture moves: two of its frames, both before the screen share, differ.
    const early = await frameAt(file, 1.5);
    const before = await frameAt(file, 3.5);
    const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(hash(early)).not.toBe(hash(before));
    // Half a second before the end, not at a fixed time: a frame asked for past the end comes
    // back empty.
    const after = await frameAt(file, duration - 0.5);
    expect(after.length).toBeGreaterThan(0);
    // Before: the 4:3 camera, letterboxed on black in the 16:9 stage; after: the screen, whole.
    expect(near(averageColour(before, [0, 4]), [16, 16, 16], 24)).toBe(true);
    expect(near(averageColour(before), YELLOW, 40)).toBe(false);
    expect(near(averageColour(after), YELLOW, 30)).toBe(true);
    expect(near(averageColour(after, [0, 4]), YELLOW, 30)).toBe(true);
    // The tone is heard (silence would be about -91 dB).
    expect(await meanVolumeDb(file)).toBeGreaterThan(-40);

    const listed = await list(s.session_id);
    expect(listed.status).toBe(200);
    expect(listed.body.recordings).toHaveLength(1);
    const rec = listed.body.recordings[0];
    expect(rec).toMatchObject({ recording_id: id, status: 'complete', error: null });
    expect(Math.abs(rec.duration_seconds - duration)).toBeLessThan(1.5);
    expect(rec.size_bytes).toBeGreaterThan(10_000);
    expect(rec.started_at).toBeTruthy();
    expect(rec.ended_at).toBeTruthy();
    expect(new URL(rec.download_url).pathname).toBe(`/api/v1/recordings/${id}/download`);
    finished = { id, file, size: rec.size_bytes, sessionId: s.session_id };
  }, 90_000);

  it('serves the file to the owner with HTTP Range (206) and refuses a stranger (403)', async () => {
    expect(finished).toBeDefined();
    const { id, size } = finished!;
    const url = `${stack.baseUrl}/api/v1/recordings/${id}/download`;
    const auth = { authorization: `Bearer ${c.mentor.token}` };

    const whole = await fetch(url, { headers: auth });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect((await whole.arrayBuffer()).byteLength).toBe(size);

    const part = await fetch(url, { headers: { ...auth, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);

    const tail = await fetch(url, { headers: { ...auth, range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);

    const beyond = await fetch(url, { headers: { ...auth, range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);

    const stranger = await c.api.register();
    const refused = await fetch(url, { headers: { authorization: `Bearer ${stranger.token}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe('FORBIDDEN');
    expect((await list(finished!.sessionId, stranger.token)).status).toBe(403);
    expect((await fetch(url)).status).toBe(401);

    const unknown = await c.api.call('GET', `/api/v1/recordings/${randomUUID()}/download`, {
      token: c.mentor.token,
    });
    expect(unknown.status).toBe(404);
    const malformed = await c.api.call('GET', '/api/v1/recordings/..%2F..%2Fetc/download', {
      token: c.mentor.token,
    });
    expect(malformed.status).toBe(400);
  });

  it('starts one recording of two concurrent starts, answers the other 409, and 409s a stop with none', async () => {
    const { s, stopAll } = await liveSessionWithPublisher();
    const both = await Promise.all([start(s.session_id), start(s.session_id)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const conflict = both.find((r) => r.status === 409)!;
    expect(conflict.body.error.code).toBe('CONFLICT');
    expect(conflict.body.error.reason).toBe('recording_in_progress');
    const listed = await list(s.session_id);
    expect(listed.body.recordings).toHaveLength(1);

    expect((await stop(s.session_id)).status).toBe(200);
    const again = await stop(s.session_id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect(again.body.error.reason).toBe('recording_not_running');
    await stopAll();

    const scheduled = await c.api.createSession(c.mentor.token);
    const notLive = await start(scheduled.session_id);
    expect(notLive.status).toBe(409);
    expect(notLive.body.error.details).toMatchObject({ status: 'scheduled' });
    expect(notLive.body.error.reason).toBe('not_live');
  }, 60_000);

  it('lets neither a viewer nor a speaker start or stop a recording (403)', async () => {
    const meeting = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'meeting',
    });
    const speaker = await c.api.register();
    expect((await c.api.join(speaker.token, meeting.session_id)).body.role).toBe('speaker');
    const broadcast = await c.api.createSession(c.mentor.token, {
      start_now: true,
      session_type: 'broadcast',
    });
    const viewer = await c.api.register();
    expect((await c.api.join(viewer.token, broadcast.session_id)).body.role).toBe('viewer');

    for (const [sessionId, who] of [
      [meeting.session_id, speaker.token],
      [broadcast.session_id, viewer.token],
    ] as const) {
      const started = await start(sessionId, who);
      expect(started.status).toBe(403);
      expect(started.body.error.code).toBe('FORBIDDEN');
      expect((await stop(sessionId, who)).status).toBe(403);
    }
    const anonymous = await c.api.call(
      'POST',
      `/api/v1/live/sessions/${meeting.session_id}/recording/start`,
    );
    expect(anonymous.status).toBe(401);
    // A participant of a public session may see the (empty) list.
    const seen = await list(meeting.session_id, speaker.token);
    expect(seen.status).toBe(200);
    expect(seen.body.recordings).toEqual([]);
  });

  it('ends as failed, with the reason, when the recorder is killed mid-way, and can start again', async () => {
    const { s, camera, stopAll } = await liveSessionWithPublisher();
    const started = await start(s.session_id);
    const id = started.body.recording.recording_id as string;
    await sleep(3_000);
    const [pid] = pidsWithCommandLine(`${id}.mp4`);
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    const failed = await waitFor(
      async () => {
        const rec = (await list(s.session_id)).body.recordings[0];
        return rec.status === 'failed' ? rec : undefined;
      },
      10_000,
      'the recording to fail',
    );
    expect(failed.error).toMatch(/ffmpeg.*killed \(SIGKILL\)/);
    expect(failed.download_url).toBeNull();
    // The partial file goes just after the status is written (a full run saw it still there).
    await waitFor(() => !existsSync(fileOf(id)), 5_000, 'the partial file removed');
    await waitFor(
      () => JSON.parse(camera.room.metadata || '{}').recording === false,
      5_000,
      'room metadata recording: false',
    );
    const again = await start(s.session_id);
    expect(again.status).toBe(200);
    expect((await stop(s.session_id)).body.recording.status).toBe('complete');
    await stopAll();
  }, 60_000);

  it('records a session with is_recorded from going live to its end', async () => {
    const { s, stopAll } = await liveSessionWithPublisher({ is_recorded: true });
    const active = await waitFor(
      async () => {
        const rec = (await list(s.session_id)).body.recordings[0];
        return rec?.status === 'active' ? rec : undefined;
      },
      15_000,
      'the automatic recording',
    );
    await sleep(4_000);
    const ended = await c.api.call('POST', `/api/v1/live/sessions/${s.session_id}/end`, {
      token: c.mentor.token,
    });
    expect(ended.status).toBe(200);
    await stopAll();
    const rec = (await list(s.session_id)).body.recordings[0];
    expect(rec).toMatchObject({ recording_id: active.recording_id, status: 'complete' });
    expect(rec.duration_seconds).toBeGreaterThan(3);
    const probe = await ffprobe(fileOf(rec.recording_id));
    expect(probe.streams.map((st) => st.codec_name).sort()).toEqual(['aac', 'h264']);

    // Deleting the session deletes its recordings, files included; others' files stay.
    const deleted = await c.api.call('DELETE', `/api/v1/live/sessions/${s.session_id}`, {
      token: c.mentor.token,
    });
    expect(deleted.status).toBe(204);
    expect(existsSync(fileOf(rec.recording_id))).toBe(false);
    const download = await c.api.call('GET', `/api/v1/recordings/${rec.recording_id}/download`, {
      token: c.mentor.token,
    });
    expect(download.status).toBe(404);
    expect(existsSync(finished!.file)).toBe(true);
  }, 60_000);

  it('settles at start what the app was recording when it died: a playable file kept, else failed', async () => {
    expect(finished).toBeDefined();
    const node = `${hostname()}:${stack.config.port}`;
    const s1 = await c.api.createSession(c.mentor.token, { start_now: true });
    const s2 = await c.api.createSession(c.mentor.token, { start_now: true });
    const playable = randomUUID();
    const broken = randomUUID();
    mkdirSync(join(stack.config.dataDir, 'recordings'), { recursive: true });
    copyFileSync(finished!.file, fileOf(playable));
    for (const [id, sessionId] of [
      [playable, s1.session_id],
      [broken, s2.session_id],
    ] as const) {
      await stack.database.db.insert(recordings).values({
        id,
        sessionId,
        status: 'active',
        backend: 'builtin',
        startedBy: 'auto',
        node,
        startedAt: new Date(),
        heartbeatAt: new Date(),
      });
    }
    await stack.restartApp();
    const kept = (await list(s1.session_id)).body.recordings[0];
    expect(kept).toMatchObject({ recording_id: playable, status: 'complete' });
    expect(kept.error).toMatch(/server restarted/);
    expect(kept.duration_seconds).toBeGreaterThan(8.5);
    const lost = (await list(s2.session_id)).body.recordings[0];
    expect(lost).toMatchObject({
      recording_id: broken,
      status: 'failed',
      error: 'server restarted',
    });
  }, 60_000);
});

describe('recording with the egress backend and no egress worker', () => {
  let c: Cast;

  // With no egress service, LiveKit answers a start only after ~22 s: the app's own limit, short
  // here, answers first.
  useStack({
    env: { RECORDING_BACKEND: 'egress', RECORDING_EGRESS_TIMEOUT: '2s' },
    onReady: (ready) => ({ c } = ready),
  });

  it('answers 503 naming Egress and leaves no recording stuck in progress', async () => {
    const s = await c.api.createSession(c.mentor.token, { start_now: true });
    const path = `/api/v1/live/sessions/${s.session_id}/recording/start`;
    const first = await c.api.call('POST', path, { token: c.mentor.token });
    expect(first.status).toBe(503);
    expect(first.body.error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(first.body.error.message).toMatch(/Egress/);
    expect(first.body.error.reason).toBe('egress_unavailable');
    const listed = await c.api.call('GET', `/api/v1/live/sessions/${s.session_id}/recordings`, {
      token: c.mentor.token,
    });
    expect(listed.body.recordings).toHaveLength(1);
    expect(listed.body.recordings[0]).toMatchObject({ status: 'failed', backend: 'egress' });
    expect(listed.body.recordings[0].error).toBeTruthy();
    // Nothing is in progress: another start is tried (and refused the same way), not a 409.
    expect((await c.api.call('POST', path, { token: c.mentor.token })).status).toBe(503);
    const stopped = await c.api.call(
      'POST',
      `/api/v1/live/sessions/${s.session_id}/recording/stop`,
      { token: c.mentor.token },
    );
    expect(stopped.status).toBe(409);
    expect(stopped.body.error.reason).toBe('recording_not_running');
  }, 60_000);
});
