// What first-frame.ts and proxy.ts share: the in-page probe that times a viewer's way from the
// click on Join to the first presented frame, and one such measurement on our room page.
import type { Browser, Page } from 'playwright-core';
import { newContext } from '../tests/e2e/support/browser.js';
import { sleep } from './support.mjs';

// A new subscriber's first frame waits for a key frame, which LiveKit asks the publisher for at
// most once a second per track (its PLI throttle): a join right after the previous one could
// wait for that window, whichever page it is. Each measurement starts after a quiet pause.
export const PLI_QUIET_MS = 1_500;

/**
 * Records, in every page, when any <video> presents its first frame, when the page received a
 * click, when our API's join answered, and when the page opened its first WebSocket (LiveKit's
 * signal connection: the moment `room.connect` starts talking).
 */
export const FIRST_FRAME_PROBE = `
  window.__firstFrameAt = undefined;
  window.__signalAt = undefined;
  // When the page received the click (not when the driver was asked to click: its round trips
  // to the browser are not the app's time).
  document.addEventListener('click', () => { window.__clickAt ??= performance.now(); }, true);
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) { super(...args); window.__signalAt ??= performance.now(); }
  };
  const nativeFetch = window.fetch;
  window.fetch = async (...args) => {
    const res = await nativeFetch(...args);
    if (String(args[0].url ?? args[0]).endsWith('/join')) window.__joinAnsweredAt ??= performance.now();
    return res;
  };
  new MutationObserver(() => {
    for (const v of document.querySelectorAll('video')) {
      if (v.__probed) continue;
      v.__probed = true;
      v.requestVideoFrameCallback(() => { window.__firstFrameAt ??= performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true });
`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The first frame's time, and when the signal connection opened (both page clock, ms). */
export async function waitFirstFrame(
  page: Page,
): Promise<{ frameAt: number; signalAt: number; joinAt: number | undefined }> {
  await page.waitForFunction(
    () => (window as unknown as { __firstFrameAt?: number }).__firstFrameAt !== undefined,
    undefined,
    { timeout: 30_000, polling: 10 },
  );
  return page.evaluate(() => {
    const w = window as unknown as {
      __firstFrameAt: number;
      __signalAt: number;
      __joinAnsweredAt?: number;
    };
    return { frameAt: w.__firstFrameAt, signalAt: w.__signalAt, joinAt: w.__joinAnsweredAt };
  });
}

/** One viewer's way from the click on Join to the first frame, in ms from the click. */
export interface OursTiming {
  firstFrame: number;
  /** When LiveKit's signal connection opened. */
  signal: number;
  /** When our API's join answered. */
  joinAnswered: number;
}

/**
 * After a quiet pause, a guest already signed in (`token` in the cookie the server would have
 * set, so an HTTPS origin works as a plain one does) opens the session's page and clicks Join.
 */
export async function measureOurs(
  browser: Browser,
  options: { origin: string; sessionId: string; token: string },
): Promise<OursTiming> {
  await sleep(PLI_QUIET_MS);
  const context = await newContext(browser);
  try {
    await context.addInitScript(FIRST_FRAME_PROBE);
    await context.addCookies([
      {
        name: 'stagecast_token',
        value: options.token,
        url: options.origin,
        httpOnly: true,
        sameSite: 'Lax',
        secure: options.origin.startsWith('https:'),
      },
    ]);
    const page = await context.newPage();
    await page.goto(`${options.origin}/live/${options.sessionId}`);
    const join = page.getByTestId('join-button');
    await join.waitFor();
    await join.click();
    const t = await waitFirstFrame(page);
    const clickedAt = await page.evaluate(
      () => (window as unknown as { __clickAt: number }).__clickAt,
    );
    return {
      firstFrame: t.frameAt - clickedAt,
      signal: t.signalAt - clickedAt,
      joinAnswered: (t.joinAt ?? Number.NaN) - clickedAt,
    };
  } finally {
    await context.close();
  }
}
