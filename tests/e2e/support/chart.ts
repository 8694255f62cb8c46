import type { Page } from 'playwright-core';

/**
 * Pixels of the canvas of the chart with `data-testid` `testId` (uPlot draws on one): how many are
 * drawn at all, and how many in the first series' blue (#5b8cff).
 */
export async function chartPixels(page: Page, testId: string) {
  return page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"] canvas`);
    if (!canvas || canvas.width === 0) return { drawn: 0, blue: 0 };
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    let blue = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! === 0) continue;
      drawn += 1;
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (Math.abs(r - 91) < 30 && Math.abs(g - 140) < 30 && Math.abs(b - 255) < 30) blue += 1;
    }
    return { drawn, blue };
  }, testId);
}
