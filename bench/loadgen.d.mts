// Types of loadgen.mjs, for the TypeScript benchmarks and the tests.
import type { Cleanups } from './support.mjs';

export function cacheDir(): string;
export function run(cmd: string, args: string[], cwd: string, what: string): void;
export function buildLoadgen(log: (m: string) => void): string;

/** One JSON line a loadgen process wrote. */
export type LoadgenEvent = { ev: string } & Record<string, unknown>;

export interface LoadgenProcess {
  pid: number;
  send(command: Record<string, unknown>): void;
  /** The next event that `match` accepts (events seen before the call are not looked at). */
  next(match: (e: LoadgenEvent) => boolean, timeoutMs: number): Promise<LoadgenEvent>;
  on(handler: (e: LoadgenEvent) => void): void;
  off(handler: (e: LoadgenEvent) => void): void;
  stderr(): string;
  exited: Promise<number | null>;
}

export function startLoadgen(
  bin: string,
  args: string[],
  cleanups: Pick<Cleanups, 'add'>,
  env?: Record<string, string>,
): LoadgenProcess;
