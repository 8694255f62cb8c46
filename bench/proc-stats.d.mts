// Types of proc-stats.mjs, for the TypeScript benchmarks.
export function cpuTicks(pid: number): number;
export function rssMb(pid: number): number;
export function sampleRss(
  pids: number[],
  seconds: number,
): Promise<{ max: number; mean: number }[]>;
export function clockTicks(): number;
export function pidsWithCommandLine(needle: string): number[];
