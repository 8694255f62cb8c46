import type { LobbyWaitEvent } from '@stagecast/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readWaitEvents } from './wait-events.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Stubs `fetch` with a server-sent events answer made of `chunks`, cut wherever they are cut. */
function streamOf(chunks: string[], status = 200) {
  const calls: RequestInit[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    calls.push(init);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    return new Response(body, { status, headers: { 'content-type': 'text/event-stream' } });
  });
  return calls;
}

describe('readWaitEvents', () => {
  it('reads status events split across chunks, skipping comments and what is not an event', async () => {
    const calls = streamOf([
      'event: status\ndata: {"status":"wai',
      'ting"}\n\n: keep-alive\n\n',
      'event: status\ndata: not json\n\n',
      'event: status\ndata: {"status":"other"}\n\n',
      'event: status\ndata: {"status":"denied","retry_at":"2026-12-01T10:10:00.000Z"}\n\n',
    ]);
    const events: LobbyWaitEvent[] = [];
    await readWaitEvents('/wait', new AbortController().signal, (e) => events.push(e));
    expect(events).toEqual([
      { status: 'waiting' },
      { status: 'denied', retry_at: '2026-12-01T10:10:00.000Z' },
    ]);
    // The cookie goes along; nothing else authenticates a page.
    expect(calls[0]?.credentials).toBe('same-origin');
  });

  it('ends quietly on a refusal (no knock to wait on), with no event', async () => {
    streamOf(['{"error":{"code":"NOT_FOUND"}}'], 404);
    const events: LobbyWaitEvent[] = [];
    await readWaitEvents('/wait', new AbortController().signal, (e) => events.push(e));
    expect(events).toEqual([]);
  });
});
