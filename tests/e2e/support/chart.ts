import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOTS, screenshotLight } from './app.js';

/** The charts' first line, `--chart-blue` of each theme (palette.css), as red, green, blue. */
export const CHART_BLUE = { dark: [91, 140, 255], light: [42, 98, 232] } as const;

/**
 * Pixels of the canvas of the chart with `data-testid` `testId` (uPlot draws on one): how many are
 * drawn at all, and how many in the first series' blue of `theme` (dark unless told).
 */
export async function chartPixels(page: Page, testId: string, theme: 'dark' | 'light' = 'dark') {
  return page.evaluate(
    ({ id, rgb: [br, bg, bb] }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"] canvas`);
      if (!canvas || canvas.width === 0) return { drawn: 0, blue: 0 };
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let drawn = 0;
      let blue = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! === 0) continue;
        drawn += 1;
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (Math.abs(r - br) < 30 && Math.abs(g - bg) < 30 && Math.abs(b - bb) < 30) blue += 1;
      }
      return { drawn, blue };
    },
    { id: testId, rgb: CHART_BLUE[theme] },
  );
}

/**
 * The whole page, whose chart `testId` is drawn (its first line and more: axes, grid), as the
 * docs' screenshots `<name>.png` and, once the light theme has redrawn the chart in its own
 * palette (more than `minBlue` pixels of its darker blue), `<name>-light.png`.
 */
export async function screenshotWithChart(
  page: Page,
  testId: string,
  name: string,
  minBlue: number,
) {
  const pixels = await chartPixels(page, testId);
  expect(pixels.drawn).toBeGreaterThan(pixels.blue);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await screenshotLight(page, `${name}-light.png`, {
    fullPage: true,
    ready: () =>
      expect
        .poll(async () => (await chartPixels(page, testId, 'light')).blue)
        .toBeGreaterThan(minBlue),
  });
}
