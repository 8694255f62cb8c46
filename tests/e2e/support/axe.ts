import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/** axe-core's browser script, read once: injected into each page that is checked. */
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** `axe.run` as the injected script puts it on the page's window. */
type AxeWindow = { axe: { run: (context: unknown, options: RunOptions) => Promise<AxeResults> } };

/** The impacts that fail the pass; `moderate` and `minor` are left to review. */
const BLOCKING: ImpactValue[] = ['serious', 'critical'];

/** One violation in a line a reader can act on: the rule, its impact and where it failed. */
export interface AxeViolation {
  id: string;
  impact: ImpactValue;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules, best practices) on the page as it is now and answers
 * the serious and critical violations. The page is checked in place: nothing is reloaded, so a
 * room keeps its connection.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.addScriptTag({ content: AXE_SOURCE });
  const runOptions: RunOptions = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  };
  const results = await page.evaluate(
    (run) => (window as unknown as AxeWindow).axe.run(document, run),
    runOptions,
  );
  return blockingOf(results);
}

function blockingOf(results: AxeResults): AxeViolation[] {
  return results.violations
    .filter((v: Result) => v.impact && BLOCKING.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact!,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** The violations as a failure message: one line per rule, then its elements. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no serious or critical violations`;
  const lines = violations.map(
    (v) => `  ${v.id} (${v.impact}): ${v.help}\n${v.targets.map((t) => `    ${t}`).join('\n')}`,
  );
  return `${where}: ${violations.length} serious or critical axe violation(s)\n${lines.join('\n')}`;
}
