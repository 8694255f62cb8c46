// Samples a page's main thread through the Chrome DevTools Protocol and sums self time per
// function, for `BENCH_PROFILE=1` in bench/first-frame.ts: where does our page spend its time
// between the click and the first frame?
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time (ms) per `function (file:line)`, summed over every profile given to `add`. */
export class SelfTimeTally {
  private readonly totals = new Map<string, number>();

  add(profile: Profile): void {
    const names = new Map<number, string>();
    for (const node of profile.nodes) {
      const { functionName, url, lineNumber } = node.callFrame;
      const file = url.split('/').pop() || '(native)';
      names.set(node.id, `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})`);
    }
    profile.samples.forEach((id, i) => {
      const name = names.get(id) ?? '?';
      this.totals.set(name, (this.totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }

  /** The `n` largest, as lines `12.3 ms  name`. */
  top(n: number, runs: number): string[] {
    return [...this.totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => `${(ms / runs).toFixed(1).padStart(7)} ms/run  ${name}`);
  }
}

/** Starts sampling `page`'s main thread; the returned function stops it and gives the profile. */
export async function startProfiling(page: Page): Promise<() => Promise<Profile>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    return profile as unknown as Profile;
  };
}
