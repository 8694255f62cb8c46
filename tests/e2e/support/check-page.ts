import type { BrowserContext, Page } from 'playwright-core';

/** Every line's `data-state` on the `/check` page, by line. */
export async function checkLineStates(page: Page): Promise<Record<string, string | null>> {
  const lines = page.locator('[data-testid^="check-line-"][data-state]');
  const found: Record<string, string | null> = {};
  for (const line of await lines.all()) {
    const id = (await line.getAttribute('data-testid'))!.replace('check-line-', '');
    found[id] = await line.getAttribute('data-state');
  }
  return found;
}

/** When a line of the check started and got its answer, in ms since the page's navigation. */
export interface LineTiming {
  running: number | undefined;
  settled: number | undefined;
}

/**
 * Makes the context's pages note, for every line of `/check`, when it first went `running` and
 * when it last changed to an answer: how long each step of the check took, as the person saw it.
 */
export async function recordLineTimes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const times: Record<string, { running?: number; settled?: number }> = {};
    Object.assign(window, { __checkLineTimes: times });
    new MutationObserver((records) => {
      for (const record of records) {
        const el = record.target as Element;
        const id = el.getAttribute?.('data-testid')?.replace('check-line-', '');
        const state = el.getAttribute?.('data-state');
        if (!id || !state || record.attributeName !== 'data-state') continue;
        const line = (times[id] ??= {});
        const now = Math.round(performance.now());
        if (state === 'running') line.running ??= now;
        else if (state !== 'pending') line.settled = now;
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

/** What `recordLineTimes` noted on `page` so far. */
export async function lineTimes(page: Page): Promise<Record<string, LineTiming>> {
  return page.evaluate(
    () => (window as unknown as { __checkLineTimes: Record<string, LineTiming> }).__checkLineTimes,
  );
}

/** `signal 120–480 ms (360 ms), …`: for the test's log and the report. */
export function formatLineTimes(times: Record<string, LineTiming>): string {
  return Object.entries(times)
    .map(([id, t]) =>
      t.running !== undefined && t.settled !== undefined
        ? `${id} ${t.settled - t.running} ms (${t.running}–${t.settled})`
        : `${id} settled at ${t.settled ?? '?'} ms`,
    )
    .join(', ');
}
