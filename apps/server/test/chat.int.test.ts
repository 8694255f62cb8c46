import { randomUUID } from 'node:crypto';
import { Room, RoomEvent } from '@livekit/rtc-node';
import { chatDataPacketSchema } from '@stagecast/contracts';
import type { ChatDataPacket } from '@stagecast/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages } from '../src/db/schema.js';
import { cast } from './support/api.js';
import type { ApiClient } from './support/api.js';
import { waitFor } from './support/processes.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';
import { useStack } from './support/use-stack.js';

const chatPath = (sessionId: string) => `/api/v1/live/sessions/${sessionId}/chat`;

interface Received {
  topic: string | undefined;
  from: string | undefined;
  packet: ChatDataPacket | undefined;
  raw: unknown;
}

/** A real client in the room that keeps every data packet it receives. */
async function listen(stack: Stack, accessToken: string) {
  const room = new Room();
  const received: Received[] = [];
  room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
    const raw: unknown = JSON.parse(new TextDecoder().decode(payload));
    const parsed = chatDataPacketSchema.safeParse(raw);
    received.push({ topic, from: participant?.identity, packet: parsed.data, raw });
  });
  await room.connect(stack.livekitUrl, accessToken, { autoSubscribe: false, dynacast: false });
  return { room, received };
}

describe('session chat', () => {
  let stack: Stack;
  let api: ApiClient;
  let mentor: { token: string };
  let sessionId: string;
  let viewer: { token: string; user: { username: string } };
  let identity: string;

  useStack({
    onReady: async (ready) => {
      ({ stack } = ready);
      ({ api, mentor } = ready.c);
      sessionId = (await api.createSession(mentor.token, { start_now: true })).session_id;
      viewer = await api.register();
      const joined = await api.join(viewer.token, sessionId);
      expect(joined.body.role).toBe('viewer');
      identity = joined.body.identity;
    },
  });

  /** A new viewer of the session, with its own rate-limit budget. */
  async function newViewer() {
    const user = await api.register();
    const joined = await api.join(user.token, sessionId);
    expect(joined.status).toBe(200);
    return { token: user.token, ...joined.body };
  }

  const postChat = (token: string, body: Record<string, unknown>, id = sessionId) =>
    api.call('POST', chatPath(id), { token, body });

  it('stores a message with the sender set by the server, whatever the body claims', async () => {
    const res = await postChat(viewer.token, {
      text: '  hello, stage  ',
      sender: { identity: 'user:someone-else', display_name: 'Mallory', role: 'host' },
      sender_identity: 'user:someone-else',
      role: 'host',
    });
    expect(res.status).toBe(201);
    expect(res.body.message.text).toBe('  hello, stage  ');
    expect(res.body.message.session_id).toBe(sessionId);
    expect(res.body.message.sender).toEqual({
      identity,
      display_name: viewer.user.username,
      role: 'viewer',
    });
    const [row] = await stack.database.db
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.id, res.body.message.id));
    expect(row?.senderIdentity).toBe(identity);
    expect(row?.text).toBe('  hello, stage  ');
  });

  it('rejects empty, whitespace-only and over-long text with 400 naming body.text', async () => {
    const sender = await newViewer();
    for (const text of ['', '   \n\t ', 'x'.repeat(2001)]) {
      const res = await postChat(sender.token, { text });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('body.text');
      expect(res.body.error.details[0].field).toBe('body.text');
    }
    const longest = await postChat(sender.token, { text: 'y'.repeat(2000) });
    expect(longest.status).toBe(201);
    expect(longest.body.message.text).toHaveLength(2000);
  });

  it('delivers messages and deletions to connected clients over LiveKit data on topic chat', async () => {
    const sender = await newViewer();
    const client = await listen(stack, (await newViewer()).access_token);
    try {
      const posted = await postChat(sender.token, { text: 'over the data channel' });
      expect(posted.status).toBe(201);
      const id = posted.body.message.id as string;
      const got = await waitFor(
        () => client.received.find((r) => (r.raw as any)?.message?.id === id),
        5_000,
        'the chat packet',
      );
      expect(got.topic).toBe('chat');
      expect(got.packet).toEqual({ type: 'message', message: posted.body.message });
      expect(chatDataPacketSchema.parse(got.raw)).toMatchObject({
        message: { sender: { identity: sender.identity, role: 'viewer' } },
      });

      // A viewer cannot delete; the host can, and every client hears of it.
      const denied = await api.call('DELETE', `${chatPath(sessionId)}/${id}`, {
        token: sender.token,
      });
      expect(denied.status).toBe(403);
      expect(denied.body.error.reason).toBe('not_moderator');
      const removed = await api.call('DELETE', `${chatPath(sessionId)}/${id}`, {
        token: mentor.token,
      });
      expect(removed.status).toBe(204);
      const deleted = await waitFor(
        () => client.received.find((r) => (r.raw as any)?.type === 'deleted'),
        5_000,
        'the deleted packet',
      );
      expect(deleted.topic).toBe('chat');
      expect(deleted.packet).toEqual({ type: 'deleted', message_id: id });
      const history = await api.call('GET', `${chatPath(sessionId)}?limit=200`, {
        token: sender.token,
      });
      expect(history.status).toBe(200);
      expect(history.body.messages.map((m: { id: string }) => m.id)).not.toContain(id);
    } finally {
      await client.room.disconnect();
    }
  });

  it('pages history newest last with limit, before and has_more', async () => {
    const id = (await api.createSession(mentor.token, { start_now: true })).session_id;
    const user = await api.register();
    expect((await api.join(user.token, id)).status).toBe(200);
    const ids: string[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const res = await postChat(user.token, { text: `m${i}` }, id);
      expect(res.status).toBe(201);
      ids.push(res.body.message.id);
    }
    const page = async (query: string) => {
      const res = await api.call('GET', `${chatPath(id)}?${query}`, { token: user.token });
      expect(res.status).toBe(200);
      return {
        texts: res.body.messages.map((m: { text: string }) => m.text),
        hasMore: res.body.has_more,
      };
    };
    expect(await page('limit=2')).toEqual({ texts: ['m4', 'm5'], hasMore: true });
    expect(await page(`limit=2&before=${ids[3]}`)).toEqual({ texts: ['m2', 'm3'], hasMore: true });
    expect(await page(`limit=2&before=${ids[1]}`)).toEqual({ texts: ['m1'], hasMore: false });
    expect(await page('limit=5')).toEqual({
      texts: ['m1', 'm2', 'm3', 'm4', 'm5'],
      hasMore: false,
    });

    // Two messages stored within one millisecond (PostgreSQL keeps microseconds): paging back
    // from the later one must still reach the earlier.
    const at = (us: string) => sql`${`2000-01-01 00:00:00.123${us}+00`}::timestamptz`;
    const stored = {
      sessionId: id,
      senderIdentity: 'user:x',
      senderName: 'x',
      senderRole: 'viewer',
    };
    const [early, late] = [randomUUID(), randomUUID()];
    await stack.database.db.insert(chatMessages).values([
      { ...stored, id: early, text: 'early', createdAt: at('100') },
      { ...stored, id: late, text: 'late', createdAt: at('400') },
    ]);
    expect(await page(`limit=1&before=${late}`)).toEqual({ texts: ['early'], hasMore: false });
    expect(await page(`limit=1&before=${ids[0]}`)).toEqual({ texts: ['late'], hasMore: true });
  });

  it('returns the stored message for a retry with the same client_message_id, without a duplicate', async () => {
    const sender = await newViewer();
    const body = { text: 'sent twice', client_message_id: 'retry-1' };
    const first = await postChat(sender.token, body);
    expect(first.status).toBe(201);
    const retry = await postChat(sender.token, body);
    expect(retry.status).toBe(200);
    expect(retry.body.message).toEqual(first.body.message);
    const rows = await stack.database.db
      .select()
      .from(chatMessages)
      .where(
        and(eq(chatMessages.sessionId, sessionId), eq(chatMessages.clientMessageId, 'retry-1')),
      );
    expect(rows).toHaveLength(1);
  });

  it('refuses users who never joined (403) and posts to an ended session (409)', async () => {
    const outsider = await api.register();
    expect((await api.call('GET', chatPath(sessionId), { token: outsider.token })).status).toBe(
      403,
    );
    const outside = await postChat(outsider.token, { text: 'let me in' });
    expect(outside.status).toBe(403);
    expect(outside.body.error.reason).toBe('not_joined');

    const ending = (await api.createSession(mentor.token, { start_now: true })).session_id;
    const member = await api.register();
    expect((await api.join(member.token, ending)).status).toBe(200);
    expect((await postChat(member.token, { text: 'still live' }, ending)).status).toBe(201);
    const end = await api.call('POST', `/api/v1/live/sessions/${ending}/end`, {
      token: mentor.token,
    });
    expect(end.status).toBe(200);
    const late = await postChat(member.token, { text: 'too late' }, ending);
    expect(late.status).toBe(409);
    expect(late.body.error.reason).toBe('ended');
  });
});

describe('chat rate limit at its real setting', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ env: { RATE_LIMIT_MULTIPLIER: '1' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers 429 with Retry-After after 20 messages in 10 s', async () => {
    const { api, mentor } = await cast(stack);
    const sessionId = (await api.createSession(mentor.token, { start_now: true })).session_id;
    const user = await api.register();
    expect((await api.join(user.token, sessionId)).status).toBe(200);
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await api.call('POST', chatPath(sessionId), {
        token: user.token,
        body: { text: `n${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array<number>(20).fill(201));
    const limited = await api.call('POST', chatPath(sessionId), {
      token: user.token,
      body: { text: 'one more' },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
