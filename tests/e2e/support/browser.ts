import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (never a browser download of its own), with a
 * fake camera and microphone and no permission prompts. `npm test` installs it with apt.
 * `extraArgs` add flags (the HTTPS tests trust Caddy's local CA with one).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The Chromium features playwright-core turns off (its `chromiumSwitches.ts`). Chromium reads only
 * the last `--disable-features` switch, so ours must repeat them (`browser-flags.e2e.test.ts` fails,
 * naming them, when a newer playwright-core adds some).
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Off as well: every browser context opens a window, and Chromium 156 renders that window's
 * omnibox popup as a WebUI page in a renderer of its own (`chrome://omnibox-popup.top-chrome`),
 * headless or not: about 2.5 CPU-s a context here, as much as the test's own pages. And the
 * spare renderer started for a next navigation that a closing context never makes.
 */
const UNUSED_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
  'SpareRendererForSitePerProcess',
];

/** The flags of every test browser: fake camera and microphone, no prompts, nothing in the background. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...UNUSED_FEATURES].join(',')}`,
];

/** Launches `executablePath` (Debian's Chromium, or a wrapper of it) with `CHROMIUM_ARGS` and `extraArgs`. */
export function launchChromium(executablePath: string, extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return launchChromium(CHROMIUM, [
    '--auto-accept-this-tab-capture',
    '--auto-select-desktop-capture-source=Entire screen',
    ...extraArgs,
  ]);
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
