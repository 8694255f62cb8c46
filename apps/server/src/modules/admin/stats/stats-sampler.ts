import type { Logger } from 'pino';
import { sampleStats } from './sample-stats.js';
import type { SampleDeps } from './sample-stats.js';

/**
 * Runs `sampleStats` at the start of every slot, plus a delay of its own, drawn once: every
 * instance sharing the database tries each slot, the one with the smallest delay wins it every
 * time (so its previous LiveKit read is always the slot before), and another takes over within
 * a slot when it stops.
 */
export function statsSampler(deps: Omit<SampleDeps, 'last'> & { logger: Logger }) {
  const intervalMs = deps.intervalSeconds * 1000;
  const delayMs = Math.floor(Math.random() * Math.min(1_000, intervalMs / 4));
  const state: SampleDeps = { ...deps, last: {} };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  /** One pass now, after any pass still running. */
  const sampleNow = (): Promise<'sampled' | 'added'> => {
    const pass = running.then(() => sampleStats(state));
    running = pass.catch(() => undefined);
    return pass;
  };

  const schedule = () => {
    if (stopped) return;
    const wait = intervalMs - (Date.now() % intervalMs) + delayMs;
    timer = setTimeout(() => {
      sampleNow()
        .catch((err: unknown) => deps.logger.warn({ err }, 'stats sample failed'))
        .finally(schedule);
    }, wait);
    timer.unref();
  };

  return {
    sampleNow,
    start(): void {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    /** Stops the timer and waits for a pass in progress. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
export type StatsSampler = ReturnType<typeof statsSampler>;
