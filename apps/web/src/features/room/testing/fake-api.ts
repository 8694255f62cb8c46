import type { ChatMessage, ErrorReason, Session } from '@stagecast/contracts';
import { vi } from 'vitest';

/** An answer of the fake API: a status and a JSON body. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
}

export type FakeRoute = FakeAnswer | ((body: unknown) => FakeAnswer);

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
}

/** The API's error body, as the server's error handler writes it (`reason` when it has one). */
export function apiError(
  status: number,
  code: string,
  reason?: ErrorReason,
  details?: unknown,
): FakeAnswer {
  return { status, body: { error: { code, message: code.toLowerCase(), reason, details } } };
}

/**
 * Stubs `fetch` with answers keyed by `METHOD /path` (no query string); anything else is a 404.
 * Returns the calls made, in order.
 */
export function installFakeApi(routes: Record<string, FakeRoute>): FakeCall[] {
  const calls: FakeCall[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const { pathname } = new URL(input, 'http://stagecast.test');
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path: pathname, body });
    const route = routes[`${method} ${pathname}`];
    const answer =
      typeof route === 'function' ? route(body) : (route ?? apiError(404, 'NOT_FOUND'));
    const text = answer.body === undefined ? null : JSON.stringify(answer.body);
    return new Response(text, {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

export function fakeSession(overrides: Partial<Session> = {}): Session {
  return {
    session_id: 's1',
    owner_id: 'owner',
    title: 'Weekly demo',
    description: '',
    session_type: 'broadcast',
    status: 'live',
    max_participants: 0,
    is_public: true,
    waiting_room: false,
    is_recorded: false,
    scheduled_at: null,
    started_at: null,
    ended_at: null,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    participant_count: 0,
    host: { id: 'owner', username: 'ada' },
    ...overrides,
  };
}

/** The join answer for the session's owner `ada` (`user:owner`) as its host. */
export const fakeHostJoin: FakeAnswer = {
  status: 200,
  body: {
    session_id: 's1',
    access_token: 'token',
    server_url: 'ws://livekit.test',
    identity: 'user:owner',
    role: 'host',
    can_publish: true,
    can_subscribe: true,
    message: 'joined as host',
  },
};

/** A chat message from the guest Bo, sent at 10:00:`second` (default `01`) on 1 January 2025. */
export function fakeChatMessage(
  id: string,
  { text = `text ${id}`, second = '01' }: { text?: string; second?: string } = {},
): ChatMessage {
  return {
    id,
    session_id: 's1',
    sender: { identity: 'guest:g1', display_name: 'Bo', role: 'viewer' },
    text,
    created_at: `2025-01-01T10:00:${second}Z`,
  };
}
