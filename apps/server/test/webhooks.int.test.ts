import { createHash, randomBytes } from 'node:crypto';
import { Room } from '@livekit/rtc-node';
import { and, eq } from 'drizzle-orm';
import { AccessToken } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { liveParticipants, webhookEvents } from '../src/db/schema.js';
import type { ApiClient } from './support/api.js';
import { waitFor } from './support/processes.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

let stack: Stack;
let api: ApiClient;
let mentor: { token: string };
const rooms: Room[] = [];

useStack({
  onReady: (ready) => {
    ({ stack } = ready);
    ({ api, mentor } = ready.c);
  },
  beforeStop: async () => {
    for (const room of rooms) await room.disconnect().catch(() => undefined);
  },
});

/** A webhook body as LiveKit posts it. */
function webhookBody(kind: string, room: string, identity: string, sid: string, id = newEventId()) {
  return JSON.stringify({
    id,
    event: kind,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { sid: 'RM_test', name: room },
    participant: { sid, identity },
  });
}

function newEventId() {
  return `EV_${randomBytes(8).toString('hex')}`;
}

/** The Authorization LiveKit sends: a JWT whose `sha256` claim is the body's base64 SHA-256. */
async function signature(
  body: string,
  keys = stack.livekit.keys,
  ttl: string | number = '5m',
): Promise<string> {
  const token = new AccessToken(keys.apiKey, keys.apiSecret, { ttl });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

async function post(body: string, authorization?: string): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/webhook+json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${stack.baseUrl}/api/livekit/webhook`, {
    method: 'POST',
    headers,
    body,
  });
  await res.body?.cancel();
  return res.status;
}

async function send(body: string): Promise<void> {
  expect(await post(body, await signature(body))).toBe(200);
}

async function participant(sessionId: string, identity: string) {
  const [row] = await stack.database.db
    .select()
    .from(liveParticipants)
    .where(and(eq(liveParticipants.sessionId, sessionId), eq(liveParticipants.identity, identity)));
  return row!;
}

async function setConnected(sessionId: string, identity: string, connected: boolean) {
  await stack.database.db
    .update(liveParticipants)
    .set({ connected })
    .where(and(eq(liveParticipants.sessionId, sessionId), eq(liveParticipants.identity, identity)));
}

async function storedEvents(id: string): Promise<number> {
  const rows = await stack.database.db.select().from(webhookEvents).where(eq(webhookEvents.id, id));
  return rows.length;
}

/** A live meeting and a user who joined it through the API (no client connected). */
async function sessionWithJoiner() {
  const session = await api.createSession(mentor.token, {
    start_now: true,
    session_type: 'meeting',
  });
  const user = await api.register();
  const joined = await api.join(user.token, session.session_id);
  expect(joined.status).toBe(200);
  return { sessionId: session.session_id, user, joined: joined.body };
}

async function connect(accessToken: string): Promise<Room> {
  const room = new Room();
  rooms.push(room);
  await room.connect(stack.livekitUrl, accessToken, { autoSubscribe: false, dynacast: false });
  return room;
}

async function seenConnected(sessionId: string, identity: string) {
  const session = await api.call('GET', `/api/v1/live/sessions/${sessionId}`);
  const list = await api.call('GET', `/api/v1/live/sessions/${sessionId}/participants`);
  const me = list.body.participants.find((p: { identity: string }) => p.identity === identity);
  return { count: session.body.participant_count as number, connected: me?.connected as boolean };
}

describe('the LiveKit webhook endpoint', () => {
  it('rejects a missing, forged, tampered or expired signature with 401 and changes nothing', async () => {
    const { sessionId, joined } = await sessionWithJoiner();
    await send(webhookBody('participant_joined', sessionId, joined.identity, 'PA_one'));
    expect((await participant(sessionId, joined.identity)).connected).toBe(true);

    const id = newEventId();
    const body = webhookBody('participant_left', sessionId, joined.identity, 'PA_one', id);
    const other = webhookBody('participant_left', sessionId, joined.identity, 'PA_one');
    const forgedKeys = {
      apiKey: stack.livekit.keys.apiKey,
      apiSecret: randomBytes(32).toString('hex'),
    };
    const attempts = {
      missing: undefined,
      forged: await signature(body, forgedKeys),
      tampered: await signature(other),
      expired: await signature(body, stack.livekit.keys, '-5m'),
    };
    for (const [what, authorization] of Object.entries(attempts)) {
      expect({ what, status: await post(body, authorization) }).toEqual({ what, status: 401 });
    }
    // The answer says which: no signature at all, or one that does not verify.
    const errorOf = async (authorization?: string) => {
      const res = await fetch(`${stack.baseUrl}/api/livekit/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/webhook+json',
          ...(authorization ? { authorization } : {}),
        },
        body,
      });
      return ((await res.json()) as { error: unknown }).error;
    };
    expect(await errorOf()).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'signature_missing',
    });
    for (const authorization of [attempts.forged, attempts.tampered, attempts.expired]) {
      expect(await errorOf(authorization)).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'signature_invalid',
      });
    }
    expect((await participant(sessionId, joined.identity)).connected).toBe(true);
    expect(await storedEvents(id)).toBe(0);

    // The same body, correctly signed, is applied: the rejections above were the signature's.
    await send(body);
    expect((await participant(sessionId, joined.identity)).connected).toBe(false);
    expect(await storedEvents(id)).toBe(1);
  });

  it('applies an event id once, however often LiveKit delivers it', async () => {
    const { sessionId, joined } = await sessionWithJoiner();
    await send(webhookBody('participant_joined', sessionId, joined.identity, 'PA_dup'));
    const left = webhookBody('participant_left', sessionId, joined.identity, 'PA_dup');
    await send(left);
    expect((await participant(sessionId, joined.identity)).connected).toBe(false);

    await send(webhookBody('participant_joined', sessionId, joined.identity, 'PA_dup'));
    expect((await participant(sessionId, joined.identity)).connected).toBe(true);
    await send(left);
    expect((await participant(sessionId, joined.identity)).connected).toBe(true);
    expect(await storedEvents(JSON.parse(left).id)).toBe(1);
  });

  it("ignores an old connection's participant_left that arrives after its reconnect joined", async () => {
    const { sessionId, joined } = await sessionWithJoiner();
    await send(webhookBody('participant_joined', sessionId, joined.identity, 'PA_old'));
    await send(webhookBody('participant_joined', sessionId, joined.identity, 'PA_new'));
    await send(webhookBody('participant_left', sessionId, joined.identity, 'PA_old'));
    const row = await participant(sessionId, joined.identity);
    expect(row.connected).toBe(true);
    expect(row.livekitSid).toBe('PA_new');

    await send(webhookBody('participant_left', sessionId, joined.identity, 'PA_new'));
    expect((await participant(sessionId, joined.identity)).connected).toBe(false);
  });
});

describe('participants seen through real LiveKit clients', () => {
  it('shows a join and a leave in participant_count and the participants list within 1 s', async () => {
    const { sessionId, joined } = await sessionWithJoiner();
    expect(await seenConnected(sessionId, joined.identity)).toEqual({ count: 0, connected: false });

    const room = await connect(joined.access_token);
    const connectedAt = Date.now();
    await waitFor(
      async () => {
        const seen = await seenConnected(sessionId, joined.identity);
        return seen.count === 1 && seen.connected;
      },
      5_000,
      'the join to show',
      25,
    );
    expect(Date.now() - connectedAt).toBeLessThan(1_000);

    await room.disconnect();
    const leftAt = Date.now();
    await waitFor(
      async () => {
        const seen = await seenConnected(sessionId, joined.identity);
        return seen.count === 0 && !seen.connected;
      },
      5_000,
      'the leave to show',
      25,
    );
    expect(Date.now() - leftAt).toBeLessThan(1_000);
  });
});

describe('reconciliation with LiveKit', () => {
  it('repairs missed join and leave webhooks from LiveKit’s own participant list', async () => {
    const { sessionId, joined: a } = await sessionWithJoiner();
    const b = (await api.join((await api.register()).token, sessionId)).body;
    const roomA = await connect(a.access_token);
    const roomB = await connect(b.access_token);
    await waitFor(
      async () => (await seenConnected(sessionId, a.identity)).count === 2,
      10_000,
      'both clients connected',
    );
    await roomB.disconnect();
    await waitFor(
      async () => !(await participant(sessionId, b.identity)).connected,
      10_000,
      'b gone',
    );

    // As if LiveKit's participant_joined for A and participant_left for B never arrived.
    await setConnected(sessionId, a.identity, false);
    await setConnected(sessionId, b.identity, true);
    expect(await seenConnected(sessionId, a.identity)).toEqual({ count: 1, connected: false });

    expect(await stack.app.reconciler.runOnce()).toBe(true);

    const truth = await stack.livekit.roomService.listParticipants(sessionId);
    expect(truth.map((p) => p.identity)).toEqual([a.identity]);
    const rowA = await participant(sessionId, a.identity);
    expect(rowA.connected).toBe(true);
    expect(rowA.livekitSid).toBe(roomA.localParticipant!.sid);
    expect((await participant(sessionId, b.identity)).connected).toBe(false);
    expect(await seenConnected(sessionId, a.identity)).toEqual({ count: 1, connected: true });
    await roomA.disconnect();
  });

  it('keeps a session live and recreates its room after one empty listing during a LiveKit restart', async () => {
    const { sessionId, joined } = await sessionWithJoiner();
    const room = await connect(joined.access_token);
    await waitFor(
      async () => (await participant(sessionId, joined.identity)).connected,
      10_000,
      'the client connected',
    );

    const supervisor = stack.livekit.supervisor!;
    const oldPid = supervisor.pid!;
    process.kill(oldPid, 'SIGKILL');
    await waitFor(
      () =>
        supervisor.pid !== undefined && supervisor.pid !== oldPid && supervisor.state === 'running',
      30_000,
      'the supervisor to restart livekit-server',
    );
    await waitFor(
      () =>
        stack.livekit.ping(1_000).then(
          () => true,
          () => false,
        ),
      30_000,
      'the new livekit-server to answer',
    );
    // The restarted server knows no rooms: this pass sees the session's room missing.
    const before = await stack.livekit.roomService.listRooms();
    expect(before.map((r) => r.name)).not.toContain(sessionId);

    expect(await stack.app.reconciler.runOnce()).toBe(true);

    const session = await api.call('GET', `/api/v1/live/sessions/${sessionId}`);
    expect(session.body.status).toBe('live');
    const after = await stack.livekit.roomService.listRooms();
    expect(after.map((r) => r.name)).toContain(sessionId);
    expect((await participant(sessionId, joined.identity)).connected).toBe(true);
    await room.disconnect();
  });
});
