import { readFileSync } from 'node:fs';

/** `/proc` counts CPU time in USER_HZ ticks, which Linux fixes at 100 per second. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time (user + system, in seconds) a running process has used so far, from
 * `/proc/<pid>/stat`; undefined where there is no `/proc` (not Linux) or the process is gone.
 */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined || process.platform !== 'linux') return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name may hold spaces: fields are counted after its closing parenthesis, where
  // utime and stime are the 12th and 13th (fields 14 and 15 of proc(5)).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / TICKS_PER_SECOND : undefined;
}
