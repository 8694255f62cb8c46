import { apiRoutes } from '@stagecast/contracts';
import type { Session } from '@stagecast/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, request, toApiError } from './client.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Stubs `fetch` with one answer and returns what it was called with. */
function answer(status: number, body?: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  });
  return calls;
}

describe('buildUrl', () => {
  it('fills the path parameters, encoded', () => {
    expect(
      buildUrl('/api/v1/live/sessions/:session_id/participants/:user_id/kick', {
        session_id: 's 1',
        user_id: 'user:a/b',
      }),
    ).toBe('/api/v1/live/sessions/s%201/participants/user%3Aa%2Fb/kick');
  });

  it('adds the defined query values in order and leaves out the undefined ones', () => {
    expect(buildUrl('/x', undefined, { status: 'live', before: undefined, page_size: 50 })).toBe(
      '/x?status=live&page_size=50',
    );
    expect(buildUrl('/x', undefined, { invite_token: undefined })).toBe('/x');
    expect(buildUrl('/x', undefined, { invite_token: 'a&b=c' })).toBe('/x?invite_token=a%26b%3Dc');
  });

  it('throws when a path parameter is missing', () => {
    expect(() => buildUrl('/s/:session_id', {})).toThrow(/session_id is missing/);
  });
});

describe('toApiError', () => {
  it('keeps the status, code, message, details and reason of the error body', () => {
    const err = toApiError(
      { status: 403, statusText: 'Forbidden' },
      {
        error: {
          code: 'FORBIDDEN',
          message: 'you were removed',
          reason: 'banned',
          details: { field: 'x' },
        },
      },
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'you were removed',
      reason: 'banned',
      details: { field: 'x' },
    });
  });

  it('falls back to INTERNAL and the status text without an error body', () => {
    const err = toApiError({ status: 502, statusText: 'Bad Gateway' }, undefined);
    expect(err).toMatchObject({ status: 502, code: 'INTERNAL', message: 'Bad Gateway' });
    expect(err.reason).toBeUndefined();
  });
});

describe('request', () => {
  it('calls the route with its method, URL and JSON body, and returns the answer', async () => {
    const calls = answer(200, { participant: { identity: 'user:b' } });
    const res = await request(apiRoutes.updateParticipant, {
      params: { session_id: 's1', user_id: 'b' },
      body: { role: 'speaker' },
    });
    expect(res.participant.identity).toBe('user:b');
    expect(calls[0]?.url).toBe('/api/v1/live/sessions/s1/participants/b');
    expect(calls[0]?.init).toMatchObject({
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: '{"role":"speaker"}',
    });
  });

  it('sends no body where the route takes none and gives null for 204', async () => {
    const calls = answer(204);
    expect(await request(apiRoutes.logout)).toBeNull();
    expect(calls[0]?.init.body).toBeUndefined();
    expect(calls[0]?.init.headers).toEqual({});
  });

  it('throws the API error of a failed answer, even one that is not JSON', async () => {
    answer(404, { error: { code: 'NOT_FOUND', message: 'no such session' } });
    await expect(
      request(apiRoutes.getSession, { params: { session_id: 's1' } }),
    ).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'no such session' });
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 502 }));
    await expect(request(apiRoutes.me)).rejects.toMatchObject({ status: 502, code: 'INTERNAL' });
  });

  it('turns a failed fetch into a NETWORK error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(request(apiRoutes.me)).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('types every call by the route table, so a drift from the server does not compile', () => {
    // Never run: tsc checks these lines (`npx tsc -p apps/web`), each must stay an error.
    const params = { session_id: 's', user_id: 'u' };
    const drifts = () => [
      // @ts-expect-error: the session route needs its session_id
      request(apiRoutes.getSession),
      // @ts-expect-error: `title` is not in the join body
      request(apiRoutes.joinSession, { params: { session_id: 's' }, body: { title: 'x' } }),
      // @ts-expect-error: `host` is not a role a moderator may give
      request(apiRoutes.updateParticipant, { params, body: { role: 'host' } }),
      // @ts-expect-error: the list answers `{ sessions }`, not a session
      request(apiRoutes.listSessions).then((res): Session => res),
    ];
    expect(drifts).toBeTypeOf('function');
  });
});
