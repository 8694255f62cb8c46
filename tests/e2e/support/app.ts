import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startAppOnOwnDatabase } from '../../../apps/server/test/support/app-on-own-database.js';
import type { AppOnOwnDatabase } from '../../../apps/server/test/support/app-on-own-database.js';
import { preferredBackend } from '../../../apps/server/test/support/database.js';
import type { Backend } from '../../../apps/server/test/support/database.js';
import type { RunningApp } from '../../../apps/server/test/support/app-process.js';
import { launchBrowser } from './browser.js';
import { registerTeacher } from './teacher.js';

/** Where the e2e tests leave the screenshots that the docs show. */
export const SCREENSHOTS = join(import.meta.dirname, '../../../docs/screenshots');

/**
 * A screenshot of the page as it looks with the system's light theme (the app follows it), then
 * back to dark; `ready` waits for what redraws on the change (the charts).
 */
export async function screenshotLight(
  page: Page,
  file: string,
  options: { fullPage?: boolean; ready?: () => Promise<unknown> } = {},
) {
  await page.emulateMedia({ colorScheme: 'light' });
  await options.ready?.();
  await page.screenshot({ path: join(SCREENSHOTS, file), fullPage: options.fullPage ?? false });
  await page.emulateMedia({ colorScheme: 'dark' });
}

/**
 * The real app as `npm start` runs it (embedded LiveKit), on free ports, ready: on PostgreSQL
 * when the run has one (as a deployment does; PGlite's start and queries in WebAssembly cost
 * the shared CPU seconds per app), on PGlite when `backend` says so or there is none.
 */
export async function startE2eApp(
  env: Record<string, string> = {},
  backend: Backend = preferredBackend(),
): Promise<AppOnOwnDatabase> {
  const started = await startAppOnOwnDatabase(
    { LOG_LEVEL: 'warn', RATE_LIMIT_MULTIPLIER: '50', ...env },
    backend,
  );
  await started.app.waitReady();
  return started;
}

/** What an e2e file works with. */
export interface E2eHandles {
  /** Set before the first test. */
  app: RunningApp;
  /** Set before the first test: the app's address (`app.baseUrl`). */
  baseUrl: string;
  /** Set before the first test: Chromium (`launchBrowser`). */
  browser: Browser;
}

/**
 * The usual set-up of an e2e file (or `describe` block), registered where it is called, like
 * `useStack`: before all its tests the app (`startE2eApp`) and Chromium, started side by side,
 * and the screenshots folder, and with `teacher` the teacher registered (the first account, so an
 * admin); after all of them `beforeStop`, then Chromium closed and the app stopped. A file adds
 * to the set-up with a `beforeAll` of its own after this call.
 */
export function useE2eApp(
  options: {
    /** Stops what the tests started against the app (clients, rooms) before it goes away. */
    beforeStop?: () => Promise<unknown>;
    /** Settings on top, read when the app starts (after the file's own earlier `beforeAll`s). */
    env?: () => Record<string, string>;
    /** The database the app runs on (`startE2eApp`'s choice unless told). */
    backend?: Backend;
    /** Registers the teacher (`registerTeacher`) once the app is up. */
    teacher?: boolean;
  } = {},
): E2eHandles {
  const handles = {} as E2eHandles;
  let started: AppOnOwnDatabase | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [started, handles.browser] = await Promise.all([
      startE2eApp(options.env?.(), options.backend),
      launchBrowser(),
    ]);
    handles.app = started.app;
    handles.baseUrl = started.app.baseUrl;
    if (options.teacher) await registerTeacher(handles.baseUrl);
  });

  afterAll(async () => {
    await options.beforeStop?.();
    await handles.browser?.close();
    await started?.stop();
  });

  return handles;
}
