// CPU and memory of running processes, read from /proc (Linux), for the benches.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { sleep } from './support.mjs';

/** utime + stime of a process, in clock ticks (`/proc/<pid>/stat`). */
export function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command: state is field 3, utime 14 and stime 15 (1-based, see proc(5)).
  return Number(fields[11]) + Number(fields[12]);
}

export function rssMb(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** RSS of each pid every second for `seconds`: the largest and the mean. */
export async function sampleRss(pids, seconds) {
  const samples = pids.map(() => []);
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    pids.forEach((pid, i) => samples[i].push(rssMb(pid)));
    await sleep(1000);
  }
  return samples.map((s) => ({
    max: Math.max(...s),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  }));
}

export function clockTicks() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

export function pidsWithCommandLine(needle) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
