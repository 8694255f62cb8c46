import { readEventData } from '@stagecast/contracts';
import type { LobbyWaitEvent } from '@stagecast/contracts';
import { expect } from 'vitest';
import type { ApiClient } from './api.js';

/**
 * The waiting page's side of the lobby, as a test drives it: `GET …/lobby/wait` read as
 * server-sent events with Node's fetch. `events` fills as they come; `closed` resolves when
 * the server ends the stream; `leave()` closes it from this side (the page is left).
 */
export async function openWait(baseUrl: string, sessionId: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/live/sessions/${sessionId}/lobby/wait`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: LobbyWaitEvent[] = [];
  const waiters: (() => void)[] = [];
  const closed = (async () => {
    if (!res.ok || !res.body) return;
    try {
      await readEventData(res.body, (data) => {
        events.push(JSON.parse(data) as LobbyWaitEvent);
        for (const wake of waiters.splice(0)) wake();
      });
    } catch {
      // Aborted by leave().
    }
  })();
  /** Resolves with the first event of `status`, or rejects after `timeoutMs`. */
  const next = async (status: LobbyWaitEvent['status'], timeoutMs = 5_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find((e) => e.status === status);
      if (found) return found;
      if (Date.now() > until) {
        throw new Error(`no "${status}" event; got ${JSON.stringify(events)}`);
      }
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    next,
    closed,
    leave: () => controller.abort(),
  };
}

/** An account as the test API caller registers it. */
type Account = Awaited<ReturnType<ApiClient['register']>>;

/**
 * An account (a new one unless given) knocks through `api` (held: 202) and opens the waiting
 * page's stream on `baseUrl`, told it waits: the account and its stream.
 */
export async function knockAndWait(
  api: ApiClient,
  baseUrl: string,
  sessionId: string,
  known?: Account,
) {
  const viewer = known ?? (await api.register());
  expect((await api.join(viewer.token, sessionId)).status).toBe(202);
  const wait = await openWait(baseUrl, sessionId, viewer.token);
  await wait.next('waiting');
  return { viewer, wait };
}

/** The host (`token`) admits or denies one waiting account through `api`. */
export function decideLobby(
  api: ApiClient,
  token: string | undefined,
  sessionId: string,
  userId: string,
  verb: string,
) {
  return api.call('POST', `/api/v1/live/sessions/${sessionId}/lobby/${userId}/${verb}`, {
    token,
  });
}
