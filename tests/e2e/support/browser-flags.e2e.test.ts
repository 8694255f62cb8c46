import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  launchBrowser,
  newContext,
  PLAYWRIGHT_DISABLED_FEATURES,
} from './browser.js';

/** The features playwright-core's own `--disable-features` switch lists, read from its code. */
function playwrightDisabledFeatures(): string[] {
  const lib = join(
    dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')),
    'lib',
  );
  for (const name of readdirSync(lib, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.js')) continue;
    const code = readFileSync(join(lib, name), 'utf8');
    const list = /disabledFeatures = \[([\s\S]*?)\]/.exec(code);
    if (!list) continue;
    return [...list[1]!.replace(/\/\/.*$/gm, '').matchAll(/"([A-Za-z]+)"/g)].map((m) => m[1]!);
  }
  throw new Error(`no disabledFeatures list in ${lib}`);
}

/**
 * The test browser's flags (`support/browser.ts`): Chromium keeps only the last
 * `--disable-features`, so ours must carry playwright-core's list as well as the omnibox
 * popup's WebUI, which would otherwise cost a renderer and about 2.5 CPU-s per context.
 */
describe('the test browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('repeats every feature playwright-core turns off in its one --disable-features switch', () => {
    const theirs = playwrightDisabledFeatures();
    expect(theirs.length).toBeGreaterThan(5);
    expect(theirs.filter((f) => !PLAYWRIGHT_DISABLED_FEATURES.includes(f))).toEqual([]);
    const switches = CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='));
    expect(switches).toHaveLength(1);
    for (const feature of theirs) expect(switches[0]).toContain(feature);
  });

  it('opens contexts without the omnibox popup WebUI', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setContent('<h1>hello</h1>');
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { type: string; url: string }[];
    };
    await cdp.detach();
    // The page itself is listed; a `browser_ui` target at chrome://omnibox-popup… would not be.
    expect(targetInfos.map((t) => t.type)).toContain('page');
    expect(targetInfos.filter((t) => t.url.includes('omnibox'))).toEqual([]);
    await context.close();
  });
});
