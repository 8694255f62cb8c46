import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api.js';
import type { ApiClient } from './support/api.js';
import type { RunningApp } from './support/app-process.js';
import { startAppPair } from './support/app-pair.js';
import type { AppPair } from './support/app-pair.js';
import { UPSTREAM_HEADER } from './support/balancer.js';
import type { Balancer } from './support/balancer.js';
import {
  logLines,
  metricSeries,
  overlappingPasses,
  reconcilePasses,
  summed,
  webhookOutcomes,
} from './support/cluster.js';
import type { WebhookOutcomes } from './support/cluster.js';
import type { ExternalLivekit } from './support/external-livekit.js';
import { ADMIN_DATABASE_URL } from './support/database.js';
import { connectClient } from './support/media.js';
import { waitFor } from './support/processes.js';
import { connectUntilRemoved } from './support/removed-on-join.js';
import { rejoiningClient } from './support/rejoining-client.js';
import type { RejoiningClient } from './support/rejoining-client.js';

const REDIS_URL = process.env.REDIS_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Two app instances on one PostgreSQL database and one Redis (`startAppPair`): one external
 * LiveKit for both, whose every webhook reaches both instances (so they must apply each event
 * once between them), Caddy round-robin in front. The state the API's rules keep (rate limits,
 * bans, roles, cached views, webhooks, recordings, the reconcile loop) must hold whichever
 * instance a request reaches; the steps below alternate on purpose.
 */
describe.runIf(ADMIN_DATABASE_URL && REDIS_URL)('two app instances on PostgreSQL and Redis', () => {
  let pair: AppPair;
  let a: RunningApp;
  let b: RunningApp;
  let livekit: ExternalLivekit;
  let front: Balancer;
  const clients: { stop(): Promise<unknown> }[] = [];
  /** Behind TRUST_PROXY, each person of the class calls from an address of their own. */
  const on = (app: RunningApp, person = 1): ApiClient =>
    apiClient(app, { headers: { 'x-forwarded-for': `198.51.100.${person}` } });

  beforeAll(async () => {
    const started = Date.now();
    pair = await startAppPair(REDIS_URL!, {
      RECONCILE_INTERVAL: '1s',
      TRUST_PROXY: '127.0.0.1',
      RECORDING_WIDTH: '320',
      RECORDING_HEIGHT: '240',
      RECORDING_FPS: '10',
      RECORDING_PRESET: 'ultrafast',
      RECORDING_THREADS: '1',
    });
    ({ a, b, livekit, front } = pair);
    console.info(`two instances, LiveKit and Caddy ready in ${Date.now() - started} ms`);
  });

  afterAll(async () => {
    for (const client of clients) await client.stop().catch(() => undefined);
    await pair?.stop();
  });

  it('count a rate limit once for both instances behind one address', async () => {
    // Guest sign-ins are limited per address (10 a minute); Caddy alternates the instances.
    const answers: { status: number; upstream: string | null }[] = [];
    for (let i = 0; i < 11; i += 1) {
      const res = await fetch(`${front.origin}/api/v1/auth/guest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ display_name: `Guest ${i}` }),
      });
      answers.push({ status: res.status, upstream: res.headers.get(UPSTREAM_HEADER) });
    }
    const ports = answers.map((x) => Number(x.upstream?.split(':')[1]));
    expect(new Set(ports)).toEqual(new Set([a.port, b.port]));
    for (let i = 1; i < ports.length; i += 1) expect(ports[i]).not.toBe(ports[i - 1]);
    expect(answers.slice(0, 10).map((x) => x.status)).toEqual(Array(10).fill(201));
    expect(answers[10]!.status).toBe(429);
  });

  it('keep bans, roles, cached views, webhooks and recordings right whichever instance answers', async () => {
    const [onA, onB] = [on(a), on(b)];
    const admin = await onA.register();
    const teacher = await onB.register('mentor', admin.token);
    const { session_id: sessionId } = await onA.createSession(teacher.token, {
      title: 'Cluster class',
      start_now: true,
    });
    const inSession = `/api/v1/live/sessions/${sessionId}`;
    const asTeacher = { token: teacher.token };
    const joinOn = (api: ApiClient, token: string) => async () => {
      const res = await api.join(token, sessionId);
      if (res.status !== 200) throw new Error(`join answered ${res.status}`);
      return res.body;
    };
    // The host joins through B, the viewer through A; the viewer decodes the host.
    const host = await rejoiningClient({ join: joinOn(onB, teacher.token), publish: true });
    clients.push(host);
    const viewer = await onA.register();
    const watching: RejoiningClient = await rejoiningClient({
      join: joinOn(onA, viewer.token),
      subscribe: true,
    });
    clients.push(watching);
    await watching.waitForFrames(0, 10, 15_000);

    // A cached view on B follows a change made on A at once (Redis carries the drop).
    expect((await onB.call('GET', inSession, asTeacher)).body.title).toBe('Cluster class');
    const renamed = await onA.call('PATCH', inSession, {
      ...asTeacher,
      body: { title: 'Renamed' },
    });
    expect(renamed.status).toBe(200);
    expect((await onB.call('GET', inSession, asTeacher)).body.title).toBe('Renamed');

    // A role set on A holds for a join on B, whose view of the viewer was cached by its join.
    const promoted = await onA.register();
    expect((await onB.join(promoted.token, sessionId)).body.role).toBe('viewer');
    expect((await onA.setRole(teacher.token, sessionId, promoted.user.id, 'speaker')).status).toBe(
      200,
    );
    const asSpeaker = await onB.join(promoted.token, sessionId);
    expect(asSpeaker.body).toMatchObject({ role: 'speaker', can_publish: true });

    // Kicked on A: the live connection (made through B's token) is removed, B refuses the rejoin.
    const banned = await onA.register();
    const bannedJoin = await onB.join(banned.token, sessionId);
    const bannedRoom = await connectClient(livekit.url, bannedJoin.body.access_token);
    clients.push({ stop: () => bannedRoom.disconnect() });
    await waitFor(
      async () => (await onB.call('GET', inSession, asTeacher)).body.participant_count === 3,
      5_000,
      'host, viewer and the soon banned counted',
    );
    expect((await onA.kick(teacher.token, sessionId, banned.user.id)).status).toBe(200);
    const rejoin = await onB.join(banned.token, sessionId);
    expect(rejoin.status).toBe(403);
    expect((rejoin.body as any).error.reason).toBe('banned');
    await waitFor(() => !bannedRoom.isConnected, 5_000, 'the banned connection to be removed');
    // And its old token, still valid for LiveKit, is removed again on its join (by either one).
    await connectUntilRemoved({
      livekitUrl: livekit.url,
      token: bannedJoin.body.access_token,
      identity: bannedJoin.body.identity,
      logs: () => a.output() + b.output(),
    });

    // Chat is limited per user (20 in 10 s) across both instances.
    const chats: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const api = i % 2 === 0 ? onA : onB;
      const res = await api.call('POST', `${inSession}/chat`, {
        token: viewer.token,
        body: { text: `message ${i}` },
      });
      chats.push(res.status);
    }
    expect(chats.slice(0, 20)).toEqual(Array(20).fill(201));
    expect(chats[20]).toBe(429);
    const history = await onB.call('GET', `${inSession}/chat`, asTeacher);
    expect(history.body.messages).toHaveLength(20);

    // A recording started on A (its recorder runs there) and stopped on B: A finalises it.
    const recording = await onA.call('POST', `${inSession}/recording/start`, asTeacher);
    expect(recording.body.recording?.status).toBe('active');
    await sleep(2_000);
    const stopped = await onB.call('POST', `${inSession}/recording/stop`, asTeacher);
    expect(stopped.status).toBe(200);
    expect(stopped.body.recording.status).toBe('ending');
    const stoppedAt = Date.now();
    const done = await waitFor(
      async () => {
        const list = await onB.call('GET', `${inSession}/recordings`, asTeacher);
        const row = list.body.recordings[0];
        return row?.status === 'complete' && row;
      },
      10_000,
      'the recording to be finalised by A',
    );
    expect(done.size_bytes).toBeGreaterThan(1_000);
    console.info(`recording stopped on B, finalised on A ${Date.now() - stoppedAt} ms later`);

    // Every webhook reached both instances; each event was applied by one and seen as a
    // duplicate by the other, and the counts are right.
    await waitFor(
      async () => (await onA.call('GET', inSession, asTeacher)).body.participant_count === 2,
      5_000,
      'host and viewer counted after the ban',
    );
    // Both instances count an event once it is answered to the fan-out: applied (or ignored,
    // or failed) by one, a duplicate for the other.
    const outcomes = () => webhookOutcomes([a.baseUrl, b.baseUrl]);
    const balanced = (events: WebhookOutcomes) =>
      [...events.values()].every((e) => e.once === e.duplicate);
    const events = await waitFor(
      async () => {
        const now = await outcomes();
        return balanced(now) && now;
      },
      5_000,
      'every webhook counted once and once as a duplicate',
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify([...(await outcomes())])}`);
    });
    // host, viewer, the banned twice, the recorder: at least five joins.
    expect(events.get('participant_joined')?.once).toBeGreaterThanOrEqual(5);
    expect([...events.values()].every((e) => !e.seen.some((x) => x.includes('failed')))).toBe(true);
    const listed = await onA.call<{ participants: { identity: string; connected: boolean }[] }>(
      'GET',
      `${inSession}/participants`,
      asTeacher,
    );
    expect(
      listed.body.participants
        .filter((p) => p.connected)
        .map((p) => p.identity)
        .sort(),
    ).toEqual([`user:${teacher.user.id}`, `user:${viewer.user.id}`].sort());
    expect(host.drops + watching.drops).toBe(0);
    console.info(
      `webhooks: ${pair.webhooksDelivered()} delivered to both instances; ` +
        [...events].map(([e, c]) => `${e} ${c.once}`).join(', '),
    );
  });

  it('run the reconcile passes on one instance at a time, and on the other after a kill -9', async () => {
    const byName = { a, b };
    const passes = () =>
      Object.entries(byName).flatMap(([name, app]) => reconcilePasses(name, app.output()));
    const said = (app: RunningApp, msg: string) =>
      logLines(app.output()).filter((l) => l.msg === msg);
    const leaderName = said(a, 'reconcile lock taken: this instance runs the reconcile passes')
      .length
      ? 'a'
      : 'b';
    const leader = byName[leaderName];
    const standby = leaderName === 'a' ? b : a;
    expect(
      said(leader, 'reconcile lock taken: this instance runs the reconcile passes'),
    ).toHaveLength(1);
    expect(
      said(standby, 'reconcile lock taken: this instance runs the reconcile passes'),
    ).toHaveLength(0);
    expect(
      said(standby, 'reconcile standing by: another instance holds the reconcile lock'),
    ).toHaveLength(1);

    // Every pass so far (one a second since the start) ran on the leader, never two at once.
    // On a quick host the tests above take only a few seconds, so wait for six periods to have
    // passed on both instances before counting them.
    const [onLeader, onStandby] = await waitFor(
      async () => {
        const series = await Promise.all([
          metricSeries(leader.baseUrl),
          metricSeries(standby.baseUrl),
        ]);
        return (series[1].get('stagecast_reconcile_passes_total{outcome="standby"}') ?? 0) > 5
          ? series
          : undefined;
      },
      15_000,
      'six reconcile periods on both instances',
      250,
    );
    const before = passes();
    expect(before.length).toBeGreaterThan(5);
    expect(new Set(before.map((p) => p.instance))).toEqual(new Set([leaderName]));
    expect(overlappingPasses(before)).toEqual([]);
    expect(onLeader.get('stagecast_reconcile_passes_total{outcome="ran"}')).toBeGreaterThan(5);
    expect(onStandby.get('stagecast_reconcile_passes_total{outcome="ran"}')).toBe(0);
    expect(onStandby.get('stagecast_reconcile_passes_total{outcome="standby"}')).toBeGreaterThan(5);
    expect(
      summed([onLeader, onStandby], 'stagecast_reconcile_passes_total{outcome="failed"}'),
    ).toBe(0);
    // Once per period: the passes of the last 5 s, at 1 s, are 4 to 6.
    const recent = before.filter((p) => p.start > Date.now() - 5_000);
    expect(recent.length).toBeGreaterThanOrEqual(4);
    expect(recent.length).toBeLessThanOrEqual(6);

    // The leader dies without a word: its lock dies with its connection, the other takes over.
    leader.process.kill('SIGKILL');
    await leader.exited;
    const killedAt = Date.now();
    await waitFor(
      () => said(standby, 'reconcile lock taken: this instance runs the reconcile passes').length,
      5_000,
      'the other instance to take the reconcile lock',
    );
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(2_500);
    await sleep(2_000);
    const after = passes().filter((p) => p.start > killedAt);
    expect(after.length).toBeGreaterThanOrEqual(1);
    expect(new Set(after.map((p) => p.instance))).toEqual(
      new Set([leaderName === 'a' ? 'b' : 'a']),
    );
    expect(overlappingPasses(passes())).toEqual([]);
    // The class goes on through the survivor.
    const counted = await on(standby).call('GET', '/api/v1/live/sessions?status=live');
    expect(counted.status).toBe(200);
    const mean = (xs: number[]) => Math.round(xs.reduce((x, y) => x + y, 0) / xs.length);
    const gaps = before.slice(1).map((p, i) => p.start - before[i]!.start);
    console.info(
      `reconcile: ${before.length} passes on the leader (${mean(before.map((p) => p.end - p.start))} ms ` +
        `each, started ${mean(gaps)} ms apart), none on the standby, none overlapping; ` +
        `the standby took over ${takeoverMs} ms after the leader's kill -9`,
    );
  });
});
