import type { Room } from '@livekit/rtc-node';
import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortBlock } from '../../../scripts/free-ports.mjs';
import { readLivekitYaml } from './deploy/deploy-files.js';
import { apiClient } from './support/api.js';
import type { ApiClient } from './support/api.js';
import { startApp } from './support/app-process.js';
import type { RunningApp } from './support/app-process.js';
import { startBalancer } from './support/balancer.js';
import type { Balancer } from './support/balancer.js';
import { logLines, metricSeries } from './support/cluster.js';
import { createTestDatabase, preferredBackend } from './support/database.js';
import type { TestDatabase } from './support/database.js';
import { newLivekitKeys, startExternalLivekit } from './support/external-livekit.js';
import type { ExternalLivekit } from './support/external-livekit.js';
import { connectClient } from './support/media.js';
import { waitFor } from './support/processes.js';
import { claimRedisDatabase } from './support/redis-db.js';
import { rejoiningClient } from './support/rejoining-client.js';
import type { JoinAnswer, RejoiningClient } from './support/rejoining-client.js';

const REDIS_URL = process.env.REDIS_URL;

/** Rooms a LiveKit node hosts now, from its Prometheus endpoint. */
async function roomsOn(node: ExternalLivekit): Promise<number> {
  const text = await (await fetch(node.metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith('livekit_room_total'));
  return line ? Number(line.split(' ').pop()) : 0;
}

/**
 * LiveKit's multi-node set-up (docs/deploy.md, "More than one box"): two livekit-server nodes
 * with the same keys on one Redis, each on ports of its own, both posting webhooks to the app,
 * with the multi-node sections of deploy/livekit.yaml; Caddy in front of their signal and API
 * ports is the app's `LIVEKIT_URL`. A room lives on one node; a client may come in through
 * either, the other relays its signal there.
 */
describe.runIf(REDIS_URL)('two LiveKit nodes on one Redis', () => {
  let redis: Awaited<ReturnType<typeof claimRedisDatabase>>;
  let db: TestDatabase;
  let nodes: ExternalLivekit[] = [];
  let front: Balancer;
  let app: RunningApp;
  let api: ApiClient;
  const clients: RejoiningClient[] = [];
  const rooms: Room[] = [];

  beforeAll(async () => {
    const started = Date.now();
    redis = await claimRedisDatabase(REDIS_URL!);
    db = await createTestDatabase(preferredBackend());
    const port = await freePortBlock(1);
    const keys = newLivekitKeys();
    const webhookUrl = `http://127.0.0.1:${port}/api/livekit/webhook`;
    const { api: apiSection, signal_relay } = readLivekitYaml();
    nodes = await Promise.all(
      [0, 1].map(() =>
        startExternalLivekit(webhookUrl, {
          keys,
          redis: { address: redis.address, db: redis.db },
          config: { api: apiSection, signal_relay },
        }),
      ),
    );
    front = await startBalancer(
      nodes.map((n) => new URL(n.url).host),
      '/',
    );
    app = await startApp({
      dataDir: db.dataDir,
      databaseUrl: db.databaseUrl,
      ports: { port, livekitPort: port },
      env: {
        LIVEKIT_URL: front.origin.replace('http:', 'ws:'),
        LIVEKIT_API_KEY: keys.apiKey,
        LIVEKIT_API_SECRET: keys.apiSecret,
        RECONCILE_INTERVAL: '2s',
      },
    });
    await app.waitReady();
    api = apiClient(app);
    console.info(`two LiveKit nodes, Caddy and the app ready in ${Date.now() - started} ms`);
  });

  afterAll(async () => {
    for (const client of clients) await client.stop().catch(() => undefined);
    for (const room of rooms) await room.disconnect().catch(() => undefined);
    await app?.stop();
    await front?.stop();
    await Promise.all(nodes.map((n) => n.stop()));
    await db?.drop();
    await redis?.release();
  });

  it('host through node A, viewer through node B; kill -9 of the node with the room: back on the other within 15 s, counts right', async () => {
    const [nodeA, nodeB] = nodes as [ExternalLivekit, ExternalLivekit];
    const teacher = await api.register();
    const viewerAccount = await api.register();
    const live = async () =>
      (await api.createSession(teacher.token, { start_now: true })).session_id;
    const sessionId = await live();
    const countIn = async (id: string) =>
      (await api.call('GET', `/api/v1/live/sessions/${id}`, { token: teacher.token })).body as {
        status: string;
        participant_count: number;
      };
    // The node the API placed the room on; the other relays the signal of whoever comes to it.
    const hosted = await Promise.all(nodes.map(roomsOn));
    expect([...hosted].sort()).toEqual([0, 1]);
    const [home, other] = hosted[0] === 1 ? [nodeA, nodeB] : [nodeB, nodeA];
    // Each client's first connection goes to the node named; a rejoin takes the API's answer
    // (the balanced address), as the web app does.
    const joinVia = (token: string, first: ExternalLivekit) => {
      let firstTime = true;
      return async (): Promise<JoinAnswer> => {
        const res = await api.join(token, sessionId);
        if (res.status !== 200) throw new Error(`join answered ${res.status}`);
        if (!firstTime) return res.body;
        firstTime = false;
        return { ...res.body, server_url: first.url };
      };
    };
    const host = await rejoiningClient({ join: joinVia(teacher.token, nodeA), publish: true });
    clients.push(host);
    const viewer = await rejoiningClient({
      join: joinVia(viewerAccount.token, nodeB),
      subscribe: true,
    });
    clients.push(viewer);
    await viewer.waitForFrames(0, 10, 15_000);

    // Someone on the room's node who will not come back after it dies; and a second class whose
    // only member is on that node too (the API places rooms at random: a few tries).
    const connectTo = async (id: string) => {
      const account = await api.register();
      const joined = await api.join(account.token, id);
      rooms.push(await connectClient(home.url, joined.body.access_token));
    };
    await connectTo(sessionId);
    let lonely: string | undefined;
    let sessions = 1;
    for (let attempt = 0; attempt < 10 && !lonely; attempt += 1) {
      const before = await roomsOn(home);
      const id = await live();
      sessions += 1;
      if ((await roomsOn(home)) > before) lonely = id;
    }
    expect(lonely).toBeDefined();
    const lonelyId = lonely!;
    await connectTo(lonelyId);
    /** Waits for the API to count `inClass` people in the class and `inLonely` in the lonely one. */
    const countsReach = (inClass: number, inLonely: number, ms: number, what: string) =>
      waitFor(
        async () =>
          (await countIn(sessionId)).participant_count === inClass &&
          (await countIn(lonelyId)).participant_count === inLonely,
        ms,
        what,
      );
    await countsReach(3, 1, 5_000, 'host, viewer and the quiet one counted, and the lonely class');

    // kill -9 of the node hosting both rooms.
    const framesAtKill = viewer.frames;
    const killedAt = Date.now();
    await home.kill();
    await viewer.waitForFrames(framesAtKill, 10, 15_000).catch((err: Error) => {
      throw new Error(`${err.message}\nhost: ${host.events.join('; ')}`);
    });
    const backMs = Date.now() - killedAt;
    console.info(
      `node with the room killed: the viewer decoded the host again ${backMs} ms later ` +
        `(host: ${host.events.join('; ')} | viewer: ${viewer.events.join('; ')})`,
    );
    expect(backMs).toBeLessThan(15_000);
    expect(await roomsOn(other)).toBeGreaterThanOrEqual(1);
    expect((await countIn(sessionId)).status).toBe('live');

    // Within a reconcile period of everyone's return, the database agrees with LiveKit: the one
    // who did not come back is gone, and the room nobody came back to was placed on the
    // surviving node again, empty.
    const livekit = new RoomServiceClient(
      other.url.replace('ws:', 'http:'),
      other.apiKey,
      other.apiSecret,
    );
    const expected = [`user:${teacher.user.id}`, `user:${viewerAccount.user.id}`].sort();
    const settled = Date.now();
    await countsReach(2, 0, 10_000, 'the counts to settle');
    const inLivekit = (await livekit.listParticipants(sessionId)).map((p) => p.identity).sort();
    expect(inLivekit).toEqual(expected);
    expect(await livekit.listParticipants(lonelyId)).toEqual([]);
    // Every live session's room is on the surviving node now.
    expect(await roomsOn(other)).toBe(sessions);
    expect(
      logLines(app.output()).some((l) => l.msg === 'room not answering: placing it again'),
    ).toBe(true);
    console.info(
      `counts right ${Date.now() - settled} ms after the clients were back (RECONCILE_INTERVAL 2 s)`,
    );

    // Webhooks came from both nodes (the first placement's and the second's), each applied once.
    for (const node of [home, other]) {
      expect(
        logLines(node.output()).filter((l) => l.msg === 'sent webhook').length,
      ).toBeGreaterThan(0);
    }
    const series = await metricSeries(app.baseUrl);
    const webhooks = [...series].filter(([k]) => k.startsWith('stagecast_webhook_events_total{'));
    const outcome = (name: string) =>
      webhooks.filter(([k]) => k.includes(`outcome="${name}"`)).reduce((n, [, v]) => n + v, 0);
    expect(outcome('failed')).toBe(0);
    expect(outcome('duplicate')).toBe(0);
    // host, viewer, quiet, lonely; then host and viewer again.
    expect(
      series.get('stagecast_webhook_events_total{event="participant_joined",outcome="applied"}'),
    ).toBeGreaterThanOrEqual(6);
  });
});
