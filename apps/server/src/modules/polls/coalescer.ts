/**
 * Coalesces bursts of changes into at most one `flush(key)` per `intervalMs` per key (a poll, a
 * question): the first change of a quiet key flushes on the next turn, later ones wait for the
 * interval to pass. A flush starts after every change that asked for it was made, and reads the
 * state itself, so the last flush of a burst carries the exact final state however many
 * changes it stood for. One key's flushes never overlap: a change during a flush waits for it to
 * end, so a slow flush's older state can never be sent after a newer one.
 */
export interface Coalescer {
  /** A change of `key` was made (committed): a flush will follow. */
  handle(key: string): void;
  /** Drops the flushes not started yet and waits for the running ones. */
  close(): Promise<void>;
}

interface KeyState {
  timer: ReturnType<typeof setTimeout> | undefined;
  lastStart: number;
  /** A flush of this key is running. */
  flushing: boolean;
  /** A change came while it ran: flush again once it ends. */
  again: boolean;
}

// Keys quiet for longer than the interval are forgotten past this many, so memory stays flat.
const PRUNE_ABOVE = 1_000;

export function coalescer(options: {
  intervalMs: number;
  flush: (key: string) => Promise<void>;
  onError: (err: unknown, key: string) => void;
  now?: () => number;
}): Coalescer {
  const { intervalMs, flush } = options;
  const now = options.now ?? Date.now;
  const keys = new Map<string, KeyState>();
  const running = new Set<Promise<void>>();

  const schedule = (key: string, state: KeyState) => {
    const delay = Math.max(0, state.lastStart + intervalMs - now());
    state.timer = setTimeout(() => run(key, state), delay);
    state.timer.unref?.();
  };

  const run = (key: string, state: KeyState) => {
    state.timer = undefined;
    state.lastStart = now();
    state.flushing = true;
    const flushing = flush(key)
      .catch((err: unknown) => options.onError(err, key))
      .finally(() => {
        running.delete(flushing);
        state.flushing = false;
        if (state.again && keys.get(key) === state) {
          state.again = false;
          schedule(key, state);
        }
      });
    running.add(flushing);
  };

  const prune = () => {
    const before = now() - intervalMs;
    for (const [key, state] of keys) {
      if (!state.timer && !state.flushing && state.lastStart < before) keys.delete(key);
    }
  };

  return {
    handle(key) {
      let state = keys.get(key);
      if (state?.timer) return;
      if (state?.flushing) {
        state.again = true;
        return;
      }
      if (!state) {
        if (keys.size >= PRUNE_ABOVE) prune();
        state = { timer: undefined, lastStart: -Infinity, flushing: false, again: false };
        keys.set(key, state);
      }
      schedule(key, state);
    },
    async close() {
      for (const state of keys.values()) clearTimeout(state.timer);
      keys.clear();
      await Promise.all(running);
    },
  };
}
