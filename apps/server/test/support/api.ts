import { randomBytes } from 'node:crypto';
import type { Stack } from './stack.js';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A small HTTP client for the API of a running stack; `defaults.headers` go with every request
 * (an `X-Forwarded-For` that makes it another client's, behind `TRUST_PROXY`).
 */
export function apiClient(
  stack: Pick<Stack, 'baseUrl'>,
  defaults: { headers?: Record<string, string> } = {},
) {
  async function call<T = any>(
    method: string,
    path: string,
    options: { token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...defaults.headers, ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : null) as T,
      headers: res.headers,
    };
  }

  let counter = 0;
  async function register(role?: 'mentor' | 'user', adminToken?: string) {
    counter += 1;
    const name = `u${counter}_${randomBytes(3).toString('hex')}`;
    const res = await call('POST', '/api/v1/auth/register', {
      body: { email: `${name}@example.com`, username: name, password: 'correct horse battery' },
    });
    if (res.status !== 201)
      throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    const user = res.body.user as { id: string; username: string; role: string };
    if (role && adminToken && user.role !== 'admin') {
      const set = await call('PATCH', `/api/v1/admin/users/${user.id}`, {
        token: adminToken,
        body: { role },
      });
      if (set.status !== 200) throw new Error(`role change failed: ${set.status}`);
    }
    return { token: res.body.token as string, user, email: `${name}@example.com` };
  }

  async function guest(displayName = 'Guest') {
    const res = await call('POST', '/api/v1/auth/guest', { body: { display_name: displayName } });
    if (res.status !== 201) throw new Error(`guest failed: ${res.status}`);
    return { token: res.body.token as string, user: res.body.user as { id: string } };
  }

  async function createSession(token: string, body: Record<string, unknown> = {}) {
    const res = await call('POST', '/api/v1/live/sessions', {
      token,
      body: { title: 'Test session', ...body },
    });
    if (res.status !== 201)
      throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as {
      session_id: string;
      invite_link: string | null;
      host_token: string;
      server_url: string;
    };
  }

  async function join(token: string, sessionId: string, body: Record<string, unknown> = {}) {
    return call<{
      access_token: string;
      identity: string;
      role: string;
      can_publish: boolean;
      server_url: string;
    }>('POST', `/api/v1/live/sessions/${sessionId}/join`, { token, body });
  }

  // A moderator's actions on one participant of a session (an undefined token: anonymous).
  const participantPath = (sessionId: string, userId: string) =>
    `/api/v1/live/sessions/${sessionId}/participants/${userId}`;

  async function setRole(
    token: string | undefined,
    sessionId: string,
    userId: string,
    role: string,
  ) {
    return call<{ participant: { role: string } }>('PATCH', participantPath(sessionId, userId), {
      token,
      body: { role },
    });
  }

  async function kick(token: string | undefined, sessionId: string, userId: string) {
    return call<Record<string, unknown>>('POST', `${participantPath(sessionId, userId)}/kick`, {
      token,
    });
  }

  async function mute(
    token: string | undefined,
    sessionId: string,
    userId: string,
    source: string,
  ) {
    return call<{ muted_tracks: number }>('POST', `${participantPath(sessionId, userId)}/mute`, {
      token,
      body: { source },
    });
  }

  return { call, register, guest, createSession, join, setRole, kick, mute };
}
export type ApiClient = ReturnType<typeof apiClient>;

/**
 * A stack's cast: the first account (admin), a mentor who owns sessions, and a helper to get
 * fresh users and guests.
 */
export async function cast(stack: Pick<Stack, 'baseUrl'>) {
  const api = apiClient(stack);
  const admin = await api.register();
  const mentor = await api.register('mentor', admin.token);
  return { api, admin, mentor };
}
export type Cast = Awaited<ReturnType<typeof cast>>;
