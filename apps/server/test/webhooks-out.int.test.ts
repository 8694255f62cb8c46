import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { WebhookDelivery, WebhookEvent } from '@stagecast/contracts';
import { and, eq } from 'drizzle-orm';
import { AccessToken } from 'livekit-server-sdk';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookEndpoints } from '../src/db/schema.js';
import {
  IN_PROGRESS,
  recordingRepository,
} from '../src/modules/recordings/recording-repository.js';
import { deliveryWorker } from '../src/modules/webhooks-out/delivery-worker.js';
import { newEventId } from '../src/modules/webhooks-out/emit-event.js';
import { newWebhookSecret } from '../src/modules/webhooks-out/secrets.js';
import { joinAsNewUser, waitForConnected } from './support/participants.js';
import { waitFor } from './support/processes.js';
import type { StackHandles } from './support/use-stack.js';
import { useStack } from './support/use-stack.js';
import { verifySignature, verifyWebhook, webhookReceiver } from './support/webhook-receiver.js';
import type { ReceivedWebhook } from './support/webhook-receiver.js';

/**
 * Webhooks out (issue 14) against receivers that are local HTTP servers verifying every request
 * with the `standardwebhooks` package. The retry delays are cut from 15 s to 200 ms (doubling up
 * to 800 ms) through the app's option, so a receiver that is down for 3 s (the issue says 30 s;
 * the same schedule, scaled down for CI time) sees many attempts before it comes back.
 */
const FAST = { retry: { baseDelayMs: 200, maxDelayMs: 800 }, pollMs: 100, timeoutMs: 2_000 };
const DOWN_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Created {
  webhook: { webhook_id: string; url: string };
  secret: string;
  previous_secret_expires_at: string | null;
}

/** The endpoint API as an admin calls it. */
function endpointApi(h: StackHandles) {
  const admin = () => ({ token: h.c.admin.token });
  return {
    async create(url: string, body: Record<string, unknown> = {}): Promise<Created> {
      const res = await h.c.api.call<Created>('POST', '/api/v1/admin/webhooks', {
        ...admin(),
        body: { url, ...body },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    },
    async deliveries(webhookId: string): Promise<WebhookDelivery[]> {
      const res = await h.c.api.call<{ deliveries: WebhookDelivery[] }>(
        'GET',
        `/api/v1/admin/webhooks/${webhookId}/deliveries?limit=200`,
        admin(),
      );
      expect(res.status).toBe(200);
      return res.body.deliveries;
    },
    async patch(webhookId: string, body: Record<string, unknown>) {
      return h.c.api.call('PATCH', `/api/v1/admin/webhooks/${webhookId}`, { ...admin(), body });
    },
  };
}

/** Until every delivery of the endpoint passes `test` (and there are `count` of them). */
function waitForDeliveries(
  endpoints: ReturnType<typeof endpointApi>,
  webhookId: string,
  count: number,
  test: (d: WebhookDelivery) => boolean,
  what: string,
  timeoutMs = 8_000,
) {
  return waitFor(
    async () => {
      const list = await endpoints.deliveries(webhookId);
      return list.length === count && list.every(test) && list;
    },
    timeoutMs,
    what,
  );
}

/** The session or participant an event is about. */
const sessionOf = (event: WebhookEvent) => event.data.session_id;

describe('webhooks out', () => {
  const h = useStack({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' }, webhookDelivery: FAST });
  const endpoints = endpointApi(h);

  it('lets admins create, list, change, rotate and delete endpoints; a secret is shown once', async () => {
    const { api, admin, mentor } = h.c;
    const receiver = await webhookReceiver();
    const created = await endpoints.create(receiver.url, { description: 'LMS' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.webhook).toMatchObject({
      url: receiver.url,
      description: 'LMS',
      event_types: null,
      enabled: true,
    });
    const id = created.webhook.webhook_id;
    const path = `/api/v1/admin/webhooks/${id}`;

    // Admins only.
    const asMentor = await api.call('GET', '/api/v1/admin/webhooks', { token: mentor.token });
    expect(asMentor.status).toBe(403);
    const anonymous = await api.call('POST', '/api/v1/admin/webhooks', {
      body: { url: receiver.url },
    });
    expect(anonymous.status).toBe(401);

    const list = await api.call('GET', '/api/v1/admin/webhooks', { token: admin.token });
    expect(list.body.webhooks).toContainEqual(created.webhook);
    expect(JSON.stringify(list.body)).not.toContain(created.secret.slice(6));

    const patched = await endpoints.patch(id, {
      event_types: ['session.started', 'session.started', 'recording.ready'],
      enabled: false,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.webhook).toMatchObject({
      event_types: ['session.started', 'recording.ready'],
      enabled: false,
      description: 'LMS',
    });
    expect((await endpoints.patch(id, { event_types: null })).body.webhook.event_types).toBeNull();

    // Bad input names its field.
    const bad = [
      { body: { url: 'ftp://example.com/x' }, field: 'body.url' },
      { body: { url: 'https://user:pw@example.com/x' }, field: 'body.url' },
      {
        body: { url: receiver.url, event_types: ['session.exploded'] },
        field: 'body.event_types.0',
      },
      { body: { url: receiver.url, event_types: [] }, field: 'body.event_types' },
    ];
    for (const { body, field } of bad) {
      const res = await api.call('POST', '/api/v1/admin/webhooks', { token: admin.token, body });
      expect({ status: res.status, field: res.body.error.details?.[0]?.field }).toEqual({
        status: 400,
        field,
      });
    }
    expect((await endpoints.patch(id, {})).status).toBe(400);
    expect((await endpoints.patch(randomUUID(), { enabled: true })).status).toBe(404);
    const notAnId = await endpoints.patch('42', { enabled: true });
    expect(notAnId.body.error.details[0].field).toBe('params.webhook_id');

    const rotated = await api.call<Created>('POST', `${path}/rotate-secret`, {
      token: admin.token,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);
    const graceEnd = Date.parse(rotated.body.previous_secret_expires_at!);
    expect(Math.abs(graceEnd - Date.now() - 24 * 3600_000)).toBeLessThan(60_000);

    expect((await api.call('DELETE', path, { token: admin.token })).status).toBe(204);
    expect((await api.call('DELETE', path, { token: admin.token })).status).toBe(404);
    const gone = await api.call('GET', `${path}/deliveries`, { token: admin.token });
    expect(gone.status).toBe(404);

    const logs = h.stack.logs();
    expect(logs).toContain(id);
    for (const secret of [created.secret, rotated.body.secret]) {
      expect(logs).not.toContain(secret.slice(6));
    }
  });

  it('sends session and participant events of a real LiveKit flow once each, every one signed', async () => {
    const { api, mentor } = h.c;
    const receiver = await webhookReceiver();
    await receiver.start();
    const { secret } = await endpoints.create(receiver.url);

    const session = await api.createSession(mentor.token, { session_type: 'meeting' });
    const sessionId = session.session_id;
    const start = await api.call('POST', `/api/v1/live/sessions/${sessionId}/start`, {
      token: mentor.token,
    });
    expect(start.status).toBe(200);
    const user = await joinAsNewUser(h.c, h.clients, sessionId);
    const identity = user.joined.identity;
    await waitForConnected(h.c, sessionId, identity);

    // LiveKit telling of the same connection again, under a new event id, is no new join.
    const again = JSON.stringify({
      id: `EV_${randomBytes(8).toString('hex')}`,
      event: 'participant_joined',
      createdAt: String(Math.floor(Date.now() / 1000)),
      room: { sid: 'RM_again', name: sessionId },
      participant: { sid: user.room.localParticipant!.sid, identity },
    });
    const token = new AccessToken(h.stack.livekit.keys.apiKey, h.stack.livekit.keys.apiSecret);
    token.sha256 = createHash('sha256').update(again).digest('base64');
    const redelivered = await fetch(`${h.stack.baseUrl}/api/livekit/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() },
      body: again,
    });
    expect(redelivered.status).toBe(200);

    await user.room.disconnect();
    await waitFor(
      async () => {
        const res = await api.call('GET', `/api/v1/live/sessions/${sessionId}`);
        return res.body.participant_count === 0;
      },
      5_000,
      'the leave',
    );
    const end = await api.call('POST', `/api/v1/live/sessions/${sessionId}/end`, {
      token: mentor.token,
    });
    expect(end.status).toBe(200);

    const ofSession = () =>
      receiver.received
        .map((hit) => ({ hit, event: verifyWebhook(secret, hit) }))
        .filter(({ event }) => sessionOf(event) === sessionId);
    await waitFor(() => ofSession().length >= 5, 8_000, 'five events');
    // Anything sent twice would arrive within this.
    await sleep(600);
    const events = ofSession().sort((a, b) => a.event.timestamp.localeCompare(b.event.timestamp));
    expect(events.map((e) => e.event.type)).toEqual([
      'session.scheduled',
      'session.started',
      'participant.joined',
      'participant.left',
      'session.ended',
    ]);
    expect(new Set(events.map((e) => e.hit.id)).size).toBe(5);
    for (const { hit } of events) {
      expect(hit.id).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(hit.headers['content-type']).toBe('application/json');
      expect(Math.abs(Number(hit.timestamp) * 1000 - hit.at)).toBeLessThan(5_000);
      // A signature made with another secret does not verify.
      expect(() => verifyWebhook(newWebhookSecret(), hit)).toThrow(/signature/i);
    }
    const [scheduled, started, joined, left, ended] = events.map((e) => e.event);
    expect(scheduled!.data).toMatchObject({ status: 'scheduled', title: 'Test session' });
    expect(started!.data).toMatchObject({ status: 'live', session_id: sessionId });
    expect(ended!.data).toMatchObject({ status: 'ended', session_id: sessionId });
    expect(joined!.data).toMatchObject({ identity, connected: true, role: 'speaker' });
    expect(left!.data).toMatchObject({ identity, connected: false, session_id: sessionId });
  });

  it('sends recording.ready and recording.failed once, with the recording as the API lists it', async () => {
    const { api, mentor } = h.c;
    const receiver = await webhookReceiver();
    await receiver.start();
    const { secret } = await endpoints.create(receiver.url, {
      event_types: ['recording.ready', 'recording.failed'],
    });
    const session = await api.createSession(mentor.token, { start_now: true });
    // The recorders end their rows through this repository (as recovery and Egress do); the
    // recorder itself is recording.int.test's business.
    const repo = recordingRepository(h.stack.database.db, h.stack.config.publicUrl);
    const [ready, failed] = [randomUUID(), randomUUID()];
    const newRow = (id: string) =>
      repo.insert({ id, sessionId: session.session_id, backend: 'builtin', startedBy: 'auto' });
    expect(await newRow(ready)).toBeDefined();
    await repo.transition(ready, IN_PROGRESS, {
      status: 'complete',
      startedAt: new Date(Date.now() - 5_000),
      endedAt: new Date(),
      durationMs: 5_000,
      sizeBytes: 12_345,
    });
    // A second end of the same recording is no second event.
    await repo.transition(ready, IN_PROGRESS, { status: 'failed', error: 'late' });
    expect(await newRow(failed)).toBeDefined();
    await repo.transition(failed, IN_PROGRESS, {
      status: 'failed',
      endedAt: new Date(),
      error: 'ffmpeg exited',
    });

    await waitFor(() => receiver.received.length >= 2, 5_000, 'two recording events');
    await sleep(500);
    expect(receiver.received).toHaveLength(2);
    const byType = new Map(
      receiver.received.map((hit) => {
        const event = verifyWebhook(secret, hit);
        return [event.type, event.data];
      }),
    );
    const listed = await api.call<{ recordings: { recording_id: string }[] }>(
      'GET',
      `/api/v1/live/sessions/${session.session_id}/recordings`,
      { token: mentor.token },
    );
    const asListed = (id: string) => listed.body.recordings.find((r) => r.recording_id === id);
    expect(byType.get('recording.ready')).toEqual(asListed(ready));
    expect(byType.get('recording.ready')).toMatchObject({
      status: 'complete',
      size_bytes: 12_345,
      download_url: `${h.stack.config.publicUrl}/api/v1/recordings/${ready}/download`,
    });
    expect(byType.get('recording.failed')).toEqual(asListed(failed));
    expect(byType.get('recording.failed')).toMatchObject({ error: 'ffmpeg exited' });
  });

  it('retries while the receiver is down, then delivers each event once under its own id', async () => {
    const { api, mentor } = h.c;
    const receiver = await webhookReceiver();
    const { webhook, secret } = await endpoints.create(receiver.url, {
      event_types: ['session.scheduled', 'session.started'],
    });
    const downSince = Date.now();
    const session = await api.createSession(mentor.token);
    await api.call('POST', `/api/v1/live/sessions/${session.session_id}/start`, {
      token: mentor.token,
    });

    const failing = await waitForDeliveries(
      endpoints,
      webhook.webhook_id,
      2,
      (d) => d.attempts >= 3,
      'three refused attempts each',
    );
    for (const d of failing) {
      expect(d).toMatchObject({
        status: 'pending',
        last_status_code: null,
        last_error: 'connection refused',
        delivered_at: null,
      });
      expect(d.next_attempt_at).not.toBeNull();
    }
    await sleep(DOWN_MS - (Date.now() - downSince));
    await receiver.start();
    const backAt = Date.now();

    const delivered = await waitForDeliveries(
      endpoints,
      webhook.webhook_id,
      2,
      (d) => d.status === 'delivered',
      'both delivered',
    );
    // The longest delay is 800 ms (+20%): it came at the next attempt after the return.
    expect(Date.now() - backAt).toBeLessThan(2_500);
    await sleep(1_000); // a retry of a delivered event would come within this
    expect([...receiver.countsById().values()]).toEqual([1, 1]);
    for (const d of delivered) {
      expect(d.attempts).toBeGreaterThanOrEqual(4);
      expect(d).toMatchObject({ last_status_code: 204, last_error: null, next_attempt_at: null });
      expect(receiver.countsById().get(d.event_id)).toBe(1);
    }
    const types = receiver.received.map((hit) => verifyWebhook(secret, hit).type).sort();
    expect(types).toEqual(['session.scheduled', 'session.started']);
  });

  it('retries a failed answer with the same id and body, replays on request, never follows a redirect', async () => {
    const { api, admin, mentor } = h.c;
    const receiver = await webhookReceiver();
    await receiver.start();
    const answered = new Set<string>();
    // Each event's first request gets a 500; the next ones a 200.
    receiver.answer((hit, res) => {
      if (answered.has(hit.id)) return void res.writeHead(200).end('ok');
      answered.add(hit.id);
      res.writeHead(500).end('database locked, try later');
    });
    const { webhook, secret } = await endpoints.create(receiver.url, {
      event_types: ['session.scheduled'],
    });
    await api.createSession(mentor.token);
    const [delivered] = await waitForDeliveries(
      endpoints,
      webhook.webhook_id,
      1,
      (d) => d.status === 'delivered',
      'delivery after a 500',
    );
    expect(delivered).toMatchObject({ attempts: 2, last_status_code: 200, last_error: null });
    const [first, second] = receiver.received as [ReceivedWebhook, ReceivedWebhook];
    expect(receiver.received).toHaveLength(2);
    expect(second.id).toBe(first.id);
    expect(second.id).toBe(delivered!.event_id);
    expect(second.body).toBe(first.body);
    expect(verifyWebhook(secret, first)).toEqual(verifyWebhook(secret, second));
    expect(JSON.parse(first.body)).toEqual(delivered!.payload);

    // Replay: the same event again, now.
    const replayPath = `/api/v1/admin/webhooks/${webhook.webhook_id}/deliveries`;
    const replay = await api.call('POST', `${replayPath}/${delivered!.delivery_id}/replay`, {
      token: admin.token,
    });
    expect(replay.status).toBe(200);
    expect(replay.body.delivery).toMatchObject({ status: 'pending', event_id: first.id });
    await waitFor(() => receiver.received.length === 3, 5_000, 'the replay');
    expect(receiver.received[2]!.id).toBe(first.id);
    expect(receiver.received[2]!.body).toBe(first.body);
    await waitForDeliveries(
      endpoints,
      webhook.webhook_id,
      1,
      (d) => d.status === 'delivered',
      'replayed',
    );
    const missing = await api.call('POST', `${replayPath}/999999/replay`, { token: admin.token });
    expect(missing.status).toBe(404);

    // A redirect is a failure, and its target never hears of the event.
    const elsewhere = await webhookReceiver();
    await elsewhere.start();
    const redirecting = await webhookReceiver();
    await redirecting.start();
    redirecting.answer((_hit, res) => res.writeHead(307, { location: elsewhere.url }).end());
    const moved = await endpoints.create(redirecting.url, { event_types: ['session.scheduled'] });
    await api.createSession(mentor.token);
    const [refused] = await waitForDeliveries(
      endpoints,
      moved.webhook.webhook_id,
      1,
      (d) => d.attempts >= 2 && d.last_status_code !== null,
      'two redirected attempts',
    );
    expect(refused).toMatchObject({ status: 'pending', last_status_code: 307, delivered_at: null });
    expect(refused!.last_error).toMatch(/redirect, not followed/);
    // A delivery counts its attempt when it takes it, before the request is out: the second
    // request may still be on its way (a full run saw the count at 2 and one request received).
    await waitFor(() => redirecting.received.length >= 2, 10_000, 'the second redirected request');
    expect(elsewhere.received).toHaveLength(0);

    // A disabled endpoint is not attempted; replaying one of its deliveries says why not.
    expect((await endpoints.patch(moved.webhook.webhook_id, { enabled: false })).status).toBe(200);
    const conflict = await api.call(
      'POST',
      `/api/v1/admin/webhooks/${moved.webhook.webhook_id}/deliveries/${refused!.delivery_id}/replay`,
      { token: admin.token },
    );
    expect(conflict.status).toBe(409);
    const seen = redirecting.received.length;
    await sleep(1_500);
    expect(redirecting.received.length).toBe(seen);
  });

  it('gives up when the retry window is over and marks the delivery failed', async () => {
    const receiver = await webhookReceiver(); // never up
    const { webhook } = await endpoints.create(receiver.url, {
      event_types: ['session.scheduled'],
    });
    await h.c.api.createSession(h.c.mentor.token);
    await waitForDeliveries(endpoints, webhook.webhook_id, 1, (d) => d.attempts >= 1, 'an attempt');
    // As if 24 h had passed since the event.
    await h.stack.database.db
      .update(webhookDeliveries)
      .set({ giveUpAt: new Date() })
      .where(eq(webhookDeliveries.endpointId, webhook.webhook_id));
    const [failed] = await waitForDeliveries(
      endpoints,
      webhook.webhook_id,
      1,
      (d) => d.status === 'failed',
      'failed',
    );
    expect(failed).toMatchObject({ last_error: 'connection refused', next_attempt_at: null });

    // The log keeps finished deliveries 30 days; pending ones stay whatever their age.
    const month = new Date(Date.now() - 31 * 24 * 3600_000);
    await h.stack.database.db
      .update(webhookDeliveries)
      .set({ createdAt: month })
      .where(eq(webhookDeliveries.endpointId, webhook.webhook_id));
    await h.c.api.createSession(h.c.mentor.token);
    await waitForDeliveries(endpoints, webhook.webhook_id, 2, () => true, 'a second event');
    await h.stack.database.db
      .update(webhookDeliveries)
      .set({ createdAt: month, nextAttemptAt: new Date(Date.now() + 60_000) })
      .where(
        and(
          eq(webhookDeliveries.endpointId, webhook.webhook_id),
          eq(webhookDeliveries.status, 'pending'),
        ),
      );
    const pruner = deliveryWorker({
      db: h.stack.database.db,
      logger: pino({ level: 'silent' }),
      rules: { allowPrivate: true, requireHttps: false },
    });
    await pruner.runOnce();
    const left = await endpoints.deliveries(webhook.webhook_id);
    expect(left.map((d) => d.status)).toEqual(['pending']);
  });

  it('never delivers a row twice when several workers claim at once', async () => {
    const receiver = await webhookReceiver();
    await receiver.start();
    const { webhook, secret } = await endpoints.create(receiver.url, {
      event_types: ['session.scheduled'],
    });
    const db = h.stack.database.db;
    // 40 events falling due together, for the app's own worker and two more (as two more
    // instances would run) to fight over.
    const due = new Date(Date.now() + 400);
    const payload = (n: number) =>
      JSON.stringify({ type: 'session.scheduled', timestamp: due.toISOString(), data: { n } });
    await db.insert(webhookDeliveries).values(
      Array.from({ length: 40 }, (_, n) => ({
        endpointId: webhook.webhook_id,
        eventId: newEventId(),
        eventType: 'session.scheduled',
        payload: payload(n),
        nextAttemptAt: due,
        giveUpAt: new Date(due.getTime() + 60_000),
      })),
    );
    const others = [1, 2].map(() =>
      deliveryWorker({
        db,
        logger: pino({ level: 'silent' }),
        rules: { allowPrivate: true, requireHttps: false },
        pollMs: 5,
        batch: 4,
      }),
    );
    for (const worker of others) worker.start();
    try {
      await waitForDeliveries(
        endpoints,
        webhook.webhook_id,
        40,
        (d) => d.status === 'delivered',
        'all 40',
      );
    } finally {
      for (const worker of others) await worker.stop();
    }
    const counts = [...receiver.countsById().values()];
    expect(counts).toHaveLength(40);
    expect(counts.every((n) => n === 1)).toBe(true);
    const rows = await db
      .select({ attempts: webhookDeliveries.attempts })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, webhook.webhook_id));
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    for (const hit of receiver.received) expect(() => verifySignature(secret, hit)).not.toThrow();
  });
});

describe('webhook targets on loopback and private networks (WEBHOOK_ALLOW_PRIVATE unset)', () => {
  const h = useStack({ webhookDelivery: FAST });
  const endpoints = endpointApi(h);

  it('are refused when an endpoint is created or changed, with a 400 naming body.url', async () => {
    const { api, admin } = h.c;
    const targets = [
      'http://127.0.0.1:8080/hooks',
      'http://localhost/hooks',
      'http://10.0.0.8/hooks',
      'http://192.168.1.1/hooks',
      'http://172.20.0.1/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://0.0.0.0:8080/',
      'http://[::1]:8080/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
    ];
    for (const url of targets) {
      const res = await api.call('POST', '/api/v1/admin/webhooks', {
        token: admin.token,
        body: { url },
      });
      expect({ url, status: res.status, reason: res.body.error?.reason }).toEqual({
        url,
        status: 400,
        reason: 'webhook_target_private',
      });
      expect(res.body.error.details[0].field).toBe('body.url');
      expect(res.body.error.message).toMatch(/WEBHOOK_ALLOW_PRIVATE/);
    }
    // A public address is fine (disabled here: this machine has no way out to it).
    const outside = await endpoints.create('https://93.184.215.14/hooks', { enabled: false });
    const moved = await endpoints.patch(outside.webhook.webhook_id, { url: targets[0] });
    expect(moved.status).toBe(400);
    expect(moved.body.error.reason).toBe('webhook_target_private');
    const list = await api.call('GET', '/api/v1/admin/webhooks', { token: admin.token });
    expect(list.body.webhooks.map((w: { url: string }) => w.url)).toEqual([
      'https://93.184.215.14/hooks',
    ]);
  });

  it('are refused again at delivery: a name may resolve elsewhere by then', async () => {
    const receiver = await webhookReceiver();
    await receiver.start();
    // As if the endpoint's host name had resolved to a public address when it was saved and to
    // loopback now: the row is written as creation would have.
    const webhookId = randomUUID();
    await h.stack.database.db.insert(webhookEndpoints).values({
      id: webhookId,
      url: receiver.url,
      eventTypes: ['session.scheduled'],
      secret: newWebhookSecret(),
    });
    await h.c.api.createSession(h.c.mentor.token);
    const [refused] = await waitForDeliveries(
      endpoints,
      webhookId,
      1,
      (d) => d.attempts >= 2,
      'two refused attempts',
    );
    expect(refused).toMatchObject({ status: 'pending', last_status_code: null });
    expect(refused!.last_error).toMatch(/^refused: 127\.0\.0\.1 is a loopback or private address/);
    expect(receiver.received).toHaveLength(0);
  });
});
