// What first-frame.ts and proxy.ts share: the in-page probe that times a viewer's way from the
// click on Join to the first presented frame, and one such measurement on our room page.
import type { Browser, Page } from 'playwright-core';
import { newContext } from '../tests/e2e/support/browser.js';
import { startProfiling, type SelfTimeTally } from './cpu-profile.js';
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
  // Where LiveKit's handshake spends its time, the same way in every page: when a peer
  // connection was made, when the server's offer arrived, when ICE connected, when the video
  // track arrived.
  window.__phases = {};
  const mark = (name) => { window.__phases[name] ??= performance.now(); };
  const NativePC = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePC {
    constructor(...args) {
      super(...args);
      mark('pcCreated');
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'connected') mark('iceConnected');
      });
      this.addEventListener('track', (e) => { if (e.track.kind === 'video') mark('videoTrack'); });
    }
    setRemoteDescription(d) {
      if (d && d.type === 'offer') mark('offerReceived');
      return super.setRemoteDescription(d);
    }
  };
  new MutationObserver(() => {
    for (const v of document.querySelectorAll('video')) {
      if (v.__probed) continue;
      v.__probed = true;
      // A frame counts once it is on screen: not while its video (or a parent) is invisible.
      const onFrame = () => {
        if (v.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
          window.__firstFrameAt ??= performance.now();
        } else v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    }
  }).observe(document, { childList: true, subtree: true });
`;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The first frame's time, and when the signal connection opened (both page clock, ms). */
export async function waitFirstFrame(page: Page): Promise<{
  frameAt: number;
  signalAt: number;
  joinAt: number | undefined;
  /** Page-clock times of the handshake's steps (see the probe), plus `signal`. */
  phases: Record<string, number>;
}> {
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
      __phases: Record<string, number>;
    };
    return {
      frameAt: w.__firstFrameAt,
      signalAt: w.__signalAt,
      joinAt: w.__joinAnsweredAt,
      phases: { ...w.__phases, signal: w.__signalAt },
    };
  });
}

/** One viewer's way from the click on Join to the first frame, in ms from the click. */
export interface OursTiming {
  firstFrame: number;
  /** When LiveKit's signal connection opened. */
  signal: number;
  /** When our API's join answered. */
  joinAnswered: number;
  /** Each step of LiveKit's handshake (see {@link FIRST_FRAME_PROBE}). */
  phases: Record<string, number>;
}

/** Subtracts `from` from every time in `phases`. */
export function phasesSince(phases: Record<string, number>, from: number): Record<string, number> {
  return Object.fromEntries(Object.entries(phases).map(([name, at]) => [name, at - from]));
}

/**
 * After a quiet pause, a guest already signed in (`token` in the cookie the server would have
 * set, so an HTTPS origin works as a plain one does) opens the session's page and clicks Join.
 */
export async function measureOurs(
  browser: Browser,
  options: {
    origin: string;
    sessionId: string;
    token: string;
    profile?: SelfTimeTally;
    exp?: string;
  },
): Promise<OursTiming> {
  await sleep(PLI_QUIET_MS);
  const context = await newContext(browser);
  try {
    await context.addInitScript(FIRST_FRAME_PROBE);
    if (options.exp)
      await context.addInitScript(`localStorage.setItem('exp', ${JSON.stringify(options.exp)})`);
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
    const stopProfiling = options.profile ? await startProfiling(page) : undefined;
    await join.click();
    const t = await waitFirstFrame(page);
    if (stopProfiling) options.profile?.add(await stopProfiling());
    const clickedAt = await page.evaluate(
      () => (window as unknown as { __clickAt: number }).__clickAt,
    );
    return {
      firstFrame: t.frameAt - clickedAt,
      signal: t.signalAt - clickedAt,
      joinAnswered: (t.joinAt ?? Number.NaN) - clickedAt,
      phases: phasesSince(t.phases, clickedAt),
    };
  } finally {
    await context.close();
  }
}
