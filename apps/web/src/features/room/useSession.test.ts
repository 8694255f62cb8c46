// @vitest-environment happy-dom
import { createElement } from 'react';
import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.js';
import { createQueryClient } from '../../api/query-client.js';
import { apiError, fakeSession, installFakeApi } from './testing/fake-api.js';
import type { FakeAnswer } from './testing/fake-api.js';
import { useSession } from './useSession.js';

// One cache per test (a wrapper is rendered again on every rerender: it must not make a new one).
let client = createQueryClient();
beforeEach(() => {
  client = createQueryClient();
});
function wrapper({ children }: { children?: ReactNode }) {
  return createElement(QueryClientProvider, { client }, children);
}

/** The answers to GET session, one after another (the last one repeats). */
function answers(...list: FakeAnswer[]) {
  let n = 0;
  return installFakeApi({
    'GET /api/v1/live/sessions/s1': () => list[Math.min(n++, list.length - 1)]!,
  });
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useSession', () => {
  it('polls while asked to and shows the session going live', async () => {
    const calls = answers(
      { status: 200, body: fakeSession({ status: 'scheduled' }) },
      { status: 200, body: fakeSession({ status: 'live' }) },
    );
    const { result } = renderHook(() => useSession('s1', undefined, undefined, 30), { wrapper });
    await waitFor(() => expect(result.current.session?.status).toBe('live'));
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the last copy through a passing failure, and drops it on an answer', async () => {
    answers(
      { status: 200, body: fakeSession({ status: 'live' }) },
      { status: 503, body: { error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'down' } } },
      apiError(404, 'NOT_FOUND'),
    );
    const { result } = renderHook(() => useSession('s1', undefined, undefined, undefined), {
      wrapper,
    });
    await waitFor(() => expect(result.current.session?.status).toBe('live'));
    await act(async () => result.current.reload());
    await waitFor(() => expect(result.current.session?.status).toBe('live'));
    expect(result.current.error).toBeUndefined();
    await act(async () => result.current.reload());
    await waitFor(() => expect(result.current.session).toBeUndefined());
    expect(result.current.error).toBeInstanceOf(ApiError);
    expect((result.current.error as ApiError).status).toBe(404);
  });

  it('reads again for another viewer, and takes a newer copy by hand', async () => {
    const calls = answers({ status: 200, body: fakeSession({ status: 'scheduled' }) });
    const seen: (string | undefined)[] = [];
    const { result, rerender } = renderHook(
      ({ viewer }: { viewer: string | undefined }) => {
        const read = useSession('s1', 'inv', viewer, undefined);
        seen.push(read.session?.status);
        return read;
      },
      { wrapper, initialProps: { viewer: undefined as string | undefined } },
    );
    await waitFor(() => expect(result.current.session).toBeDefined());
    rerender({ viewer: 'guest-1' });
    await waitFor(() => expect(calls).toHaveLength(2));
    // The page never blanks while the new viewer's read runs: the last copy stays meanwhile.
    expect(seen.slice(seen.indexOf('scheduled'))).not.toContain(undefined);
    // Let that read settle, so the copy given by hand is the newest.
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    act(() => result.current.setSession(fakeSession({ status: 'live' })));
    await waitFor(() => expect(result.current.session?.status).toBe('live'));
  });
});
