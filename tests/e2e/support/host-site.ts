import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';

/**
 * Another site on a loopback port of its own, as the embedding tests play it: its page loads
 * `/embed.js` from Stagecast, embeds the room of `?session=` (with `?token=` when given) and
 * records every event of the room in `window.__events`, the room in `window.__room`, and the
 * iframe's load in `window.__frameLoaded`. Its origin is `http://localhost:<port>`, another
 * site than the app's `http://127.0.0.1:<port>` (a browser compares hosts, not ports, for that).
 */
export interface HostSite {
  origin: string;
  /** The page that embeds `sessionId`. */
  pageUrl(sessionId: string, token?: string): string;
  close(): Promise<void>;
}

/** An event as the host page recorded it. */
export interface RecordedEvent {
  name: string;
  data: Record<string, unknown>;
}

const EVENTS = ['ready', 'joined', 'left', 'ended', 'removed', 'hand-raised', 'error'];

/** Starts the site; `stagecast()` gives the app's base URL when a page is served. */
export async function startHostSite(stagecast: () => string): Promise<HostSite> {
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/?')) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html>
<html><head><meta charset="utf-8"><title>School</title></head>
<body>
<h1>Algebra, live</h1>
<div id="room" style="width:960px;height:640px"></div>
<script src="${stagecast()}/embed.js"></script>
<script>
  window.__events = [];
  window.__frameLoaded = false;
  const params = new URLSearchParams(location.search);
  const room = Stagecast.embed('#room', {
    session: params.get('session'),
    token: params.get('token') || undefined,
  });
  room.iframe.addEventListener('load', () => { window.__frameLoaded = true; });
  for (const name of ${JSON.stringify(EVENTS)}) {
    room.on(name, (data) => window.__events.push({ name, data }));
  }
  window.__room = room;
</script>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://localhost:${port}`;
  return {
    origin,
    pageUrl: (sessionId, token) => {
      const url = new URL('/', origin);
      url.searchParams.set('session', sessionId);
      if (token) url.searchParams.set('token', token);
      return url.href;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The events the host page received so far. */
export const recordedEvents = (page: Page) =>
  page.evaluate(() => (window as unknown as { __events: RecordedEvent[] }).__events);

/** Waits until the host page received `name`; answers its data. */
export async function waitForEvent(
  page: Page,
  name: string,
  timeoutMs = 15_000,
): Promise<Record<string, unknown>> {
  const handle = await page.waitForFunction(
    (wanted) =>
      (window as unknown as { __events: RecordedEvent[] }).__events.find((e) => e.name === wanted)
        ?.data,
    name,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as Record<string, unknown>;
}

/** Calls a method of the embedded room (`leave`, `raiseHand`…) on the host page. */
export const callRoom = (page: Page, method: string) =>
  page.evaluate((m) => {
    (window as unknown as { __room: Record<string, () => void> }).__room[m]!();
  }, method);

/** The embedded room's frame, once it shows `/embed/…`. */
export async function embedFrame(page: Page, timeoutMs = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => new URL(f.url()).pathname.startsWith('/embed/'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('the embedded room never loaded in its frame');
    await page.waitForTimeout(50);
  }
}
