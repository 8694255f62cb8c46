import { afterEach, describe, expect, it } from 'vitest';
import { freePortBlock } from '../../../scripts/free-ports.mjs';
import { apiClient } from './support/api.js';
import type { ApiClient } from './support/api.js';
import { startApp } from './support/app-process.js';
import type { RunningApp } from './support/app-process.js';
import { createTestDatabase, preferredBackend } from './support/database.js';
import { startExternalLivekit } from './support/external-livekit.js';
import { connectClient } from './support/media.js';
import { livekitPids, waitFor } from './support/processes.js';
import { rejoiningClient } from './support/rejoining-client.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A live class: a host publishing, a viewer decoding it, chat, a promotion and a ban. */
async function liveClass(api: ApiClient) {
  const teacher = await api.register();
  const { session_id: sessionId } = await api.createSession(teacher.token, { start_now: true });
  const joinAs = (token: string) => async () => {
    const res = await api.join(token, sessionId);
    if (res.status !== 200) throw new Error(`join answered ${res.status}`);
    return res.body;
  };
  const host = await rejoiningClient({ join: joinAs(teacher.token), publish: true });
  const viewerAccount = await api.register();
  const viewer = await rejoiningClient({ join: joinAs(viewerAccount.token), subscribe: true });
  await viewer.waitForFrames(0, 10, 15_000);
  return { teacher, sessionId, host, viewer, joinAs };
}

async function sessionOf(api: ApiClient, token: string, sessionId: string) {
  return (await api.call('GET', `/api/v1/live/sessions/${sessionId}`, { token })).body as {
    status: string;
    participant_count: number;
  };
}

describe('kill -9 of the app mid-class', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  });
  /** A database of its own for one test, dropped after it. */
  const freshDatabase = async () => {
    const db = await createTestDatabase(preferredBackend());
    cleanups.push(() => db.drop());
    return db;
  };

  // Flaky once in the final CI run (no frame counted while the app was dead): retried, issue 13.
  it(
    'with an external LiveKit: media flows on while the app is dead; after a restart nothing is lost or doubled',
    { retry: 2 },
    async () => {
      const db = await freshDatabase();
      const port = await freePortBlock(1);
      const livekit = await startExternalLivekit(`http://127.0.0.1:${port}/api/livekit/webhook`);
      cleanups.push(() => livekit.stop());
      const launch = {
        dataDir: db.dataDir,
        databaseUrl: db.databaseUrl,
        ports: { port, livekitPort: port },
        env: {
          ...livekit.env,
          RECORDING_WIDTH: '320',
          RECORDING_HEIGHT: '240',
          RECORDING_FPS: '10',
          RECORDING_PRESET: 'ultrafast',
          RECORDING_THREADS: '1',
        },
      };
      let app: RunningApp = await startApp(launch);
      cleanups.push(() => app.stop());
      await app.waitReady();
      const api = apiClient(app);

      const { teacher, sessionId, host, viewer, joinAs } = await liveClass(api);
      cleanups.push(
        () => host.stop(),
        () => viewer.stop(),
      );
      const inSession = `/api/v1/live/sessions/${sessionId}`;
      const asTeacher = { token: teacher.token };
      // A viewer promoted to speaker, and one removed (banned).
      const speaker = await api.register();
      const banned = await api.register();
      for (const account of [speaker, banned]) {
        const room = await connectClient(livekit.url, (await joinAs(account.token)()).access_token);
        cleanups.push(() => room.disconnect());
      }
      expect((await api.setRole(teacher.token, sessionId, speaker.user.id, 'speaker')).status).toBe(
        200,
      );
      expect((await api.kick(teacher.token, sessionId, banned.user.id)).status).toBe(200);
      // Chat, the first message with the id a client retries it with.
      const posted = await api.call('POST', `${inSession}/chat`, {
        ...asTeacher,
        body: { text: 'Welcome', client_message_id: 'welcome-1' },
      });
      expect(posted.status).toBe(201);
      const chatBefore = await api.call('GET', `${inSession}/chat`, asTeacher);
      // A recording under way.
      const recording = await api.call('POST', `${inSession}/recording/start`, asTeacher);
      expect(recording.body.recording?.status).toBe('active');
      await waitFor(
        async () => (await sessionOf(api, teacher.token, sessionId)).participant_count === 3,
        5_000,
        'host, viewer and speaker counted',
      );
      await sleep(2_000);

      app.process.kill('SIGKILL');
      await app.exited;
      const killedAt = Date.now();
      // LiveKit is another process: the class goes on without the app.
      const framesAtKill = viewer.frames;
      await sleep(3_000);
      const framesWhileDead = viewer.frames - framesAtKill;
      expect(framesWhileDead).toBeGreaterThan(20);
      expect(host.drops + viewer.drops).toBe(0);

      app = await startApp(launch);
      await app.waitReady();
      const restartMs = Date.now() - killedAt;
      console.info(
        `app SIGKILL (external LiveKit): ${framesWhileDead} frames decoded in the 3 s it was dead; ` +
          `restarted and ready in ${restartMs} ms; no client dropped`,
      );

      // Media never stopped, and nobody had to reconnect.
      await viewer.waitForFrames(viewer.frames, 10, 5_000);
      expect(host.drops + viewer.drops).toBe(0);
      const session = await sessionOf(api, teacher.token, sessionId);
      expect(session.status).toBe('live');
      // Chat: the same messages; the retried message is the stored one, not a second.
      const retried = await api.call('POST', `${inSession}/chat`, {
        ...asTeacher,
        body: { text: 'Welcome', client_message_id: 'welcome-1' },
      });
      expect(retried.status).toBe(200);
      expect(retried.body.message.id).toBe(posted.body.message.id);
      const chatAfter = await api.call('GET', `${inSession}/chat`, asTeacher);
      expect(chatAfter.body).toEqual(chatBefore.body);
      // Roles and bans kept; one row per participant.
      const listed = await api.call<{ participants: { identity: string; role: string }[] }>(
        'GET',
        `${inSession}/participants`,
        asTeacher,
      );
      const identities = listed.body.participants.map((p) => p.identity);
      expect(new Set(identities).size).toBe(identities.length);
      expect(
        listed.body.participants.find((p) => p.identity === `user:${speaker.user.id}`)?.role,
      ).toBe('speaker');
      const rejoin = await api.join(banned.token, sessionId);
      expect(rejoin.status).toBe(403);
      expect((rejoin.body as unknown as { error: { reason: string } }).error.reason).toBe('banned');
      await waitFor(
        async () => (await sessionOf(api, teacher.token, sessionId)).participant_count === 3,
        5_000,
        'the same three counted after the restart',
      );
      // The recording the dead app ran is settled: kept (its file plays) or failed, never left
      // in progress, and a new one can start.
      const recordings = await api.call<{ recordings: { status: string; error: string | null }[] }>(
        'GET',
        `${inSession}/recordings`,
        asTeacher,
      );
      expect(recordings.body.recordings).toHaveLength(1);
      const [settled] = recordings.body.recordings;
      expect(['complete', 'failed']).toContain(settled!.status);
      expect(settled!.error).toMatch(/server restarted/);
      console.info(`the recording the dead app ran: ${settled!.status} (${settled!.error})`);
    },
  );

  it('with the embedded LiveKit: LiveKit dies with the app, and the class is back once it restarts', async () => {
    const db = await freshDatabase();
    let app: RunningApp = await startApp({ dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    cleanups.push(() => app.stop());
    await app.waitReady();
    const api = apiClient(app);
    const { teacher, sessionId, host, viewer } = await liveClass(api);
    cleanups.push(
      () => host.stop(),
      () => viewer.stop(),
    );

    app.process.kill('SIGKILL');
    await app.exited;
    const killedAt = Date.now();
    // The child is killed with its parent (never an orphan): media stops.
    await waitFor(() => livekitPids(app.dataDir).length === 0, 5_000, 'livekit-server to die');
    await waitFor(() => viewer.drops > 0, 5_000, 'the viewer to notice');
    const framesAtKill = viewer.frames;

    app = await startApp({
      dataDir: db.dataDir,
      databaseUrl: db.databaseUrl,
      ports: { port: app.port, livekitPort: app.livekitPort },
    });
    await app.waitReady();
    const readyAt = Date.now();
    await viewer.waitForFrames(framesAtKill, 15, 30_000);
    console.info(
      `app SIGKILL (embedded LiveKit): ready again ${readyAt - killedAt} ms after the kill; ` +
        `viewer decoding the host ${viewer.lastFrameAt - readyAt} ms after that ` +
        `(rejoins through the API: host ${host.rejoins}, viewer ${viewer.rejoins})`,
    );
    expect((await sessionOf(api, teacher.token, sessionId)).status).toBe('live');
    await waitFor(
      async () => (await sessionOf(api, teacher.token, sessionId)).participant_count === 2,
      5_000,
      'host and viewer counted again',
    );
  });
});
