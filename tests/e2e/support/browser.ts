import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (never a browser download of its own), with a
 * fake camera and microphone and no permission prompts. `npm test` installs it with apt.
 * `extraArgs` add flags (the HTTPS tests trust Caddy's local CA with one).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--auto-accept-this-tab-capture',
      '--auto-select-desktop-capture-source=Entire screen',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      ...extraArgs,
    ],
  });
}

/**
 * A browser context whose pages count their getUserMedia calls in `window.__gumCalls`, so a
 * test can prove a viewer was never asked for camera or microphone, and the LiveKit signal
 * connections they open (WebSockets to `/rtc`) in `window.__signalSockets`.
 */
export async function newContext(
  browser: Browser,
  options: {
    locale?: string;
    width?: number;
    height?: number;
    /** The system theme the pages see (the app follows it); dark unless told. */
    colorScheme?: 'dark' | 'light';
    /** The IANA time zone the pages run in (the machine's unless told). */
    timezoneId?: string;
  } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'dark',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    permissions: ['camera', 'microphone', 'clipboard-read', 'clipboard-write'],
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __gumCalls: number; __signalSockets: number };
    w.__gumCalls = 0;
    w.__signalSockets = 0;
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if (new URL(String(url)).pathname.includes('/rtc')) w.__signalSockets += 1;
      }
    };
    const devices = navigator.mediaDevices;
    if (devices?.getUserMedia) {
      const original = devices.getUserMedia.bind(devices);
      devices.getUserMedia = (constraints) => {
        w.__gumCalls += 1;
        return original(constraints);
      };
    }
  });
  return context;
}

export async function getUserMediaCalls(page: Page | Frame): Promise<number> {
  return page.evaluate(() => (window as unknown as { __gumCalls: number }).__gumCalls);
}

/**
 * Waits until a <video> matching `selector` has decoded at least `frames` frames, in a page or
 * in one of its frames (an embedded room).
 */
export async function waitForDecodedFrames(
  page: Page | Frame,
  selector: string,
  frames = 5,
  timeoutMs = 20_000,
) {
  await page.waitForFunction(
    ({ selector: s, frames: n }) => {
      const video = document.querySelector<HTMLVideoElement>(s);
      if (!video) return false;
      const quality = video.getVideoPlaybackQuality?.();
      return (quality?.totalVideoFrames ?? 0) >= n && video.videoWidth > 0;
    },
    { selector, frames },
    { timeout: timeoutMs, polling: 100 },
  );
}

/** How many LiveKit signal connections the page has opened. */
export async function signalConnections(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __signalSockets: number }).__signalSockets);
}
