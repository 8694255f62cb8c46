// The benches' charts: uPlot (the admin page's chart library) on a page of its own, drawn in
// Debian's Chromium and saved as a PNG beside the results (bench/viewers.ts, bench/soak.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { launchBrowser } from '../tests/e2e/support/browser.js';
import { ROOT } from './support.mjs';

const require = createRequire(join(ROOT, 'apps/web/package.json'));
const UPLOT_DIR = dirname(require.resolve('uplot/dist/uPlot.iife.min.js'));

/**
 * A page with uPlot loaded: `body` inside `<div id="charts">` (a flex row, or what `css`
 * makes of it), then `script`, which draws with `uPlot`.
 */
export function uplotPage(body: string, script: string, css = ''): string {
  return `<!doctype html><html><head><style>
${readFileSync(join(UPLOT_DIR, 'uPlot.min.css'), 'utf8')}
body { margin: 0; padding: 12px; font: 14px sans-serif; background: #fff; }
h2 { font-size: 15px; margin: 4px 0; }
#charts { display: flex; gap: 16px; }
${css}
</style></head><body><div id="charts">${body}</div>
<script>${readFileSync(join(UPLOT_DIR, 'uPlot.iife.min.js'), 'utf8')}</script>
<script>${script}</script></body></html>`;
}

/** Draws `html` (a `uplotPage`) in headless Chromium and writes its charts to `file` (PNG). */
export async function renderChart(
  html: string,
  file: string,
  viewport: { width: number; height: number },
): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport });
    await page.setContent(html);
    await page.locator('#charts').screenshot({ path: file });
    console.log(`chart: ${relative(process.cwd(), file)}`);
  } finally {
    await browser.close();
  }
}
