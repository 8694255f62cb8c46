import { lobbyWaitEventSchema, readEventData } from '@stagecast/contracts';
import type { LobbyWaitEvent } from '@stagecast/contracts';

/**
 * Reads the waiting room's server-sent events (`GET …/lobby/wait`) with fetch, so the cookie
 * goes along and nothing reconnects behind our back (EventSource would): calls `onEvent` for
 * each `status` event and resolves when the stream ends. Aborting `signal` closes it, which the
 * server takes as leaving the queue.
 */
export async function readWaitEvents(
  url: string,
  signal: AbortSignal,
  onEvent: (event: LobbyWaitEvent) => void,
): Promise<void> {
  const res = await fetch(url, {
    credentials: 'same-origin',
    headers: { accept: 'text/event-stream' },
    signal,
  });
  if (!res.ok || !res.body) return;
  await readEventData(res.body, (data) => {
    try {
      const parsed = lobbyWaitEventSchema.safeParse(JSON.parse(data));
      if (parsed.success) onEvent(parsed.data);
    } catch {
      // Not JSON: skipped.
    }
  });
}
